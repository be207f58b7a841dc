import fs from "node:fs";
import path from "node:path";

// The one answer to "is this build older than its sources?", for the three builds that are made
// on demand: Next's (.next), the REST fast path's bundle (rest-edge.mjs) and the collector's dist.

/**
 * True when `built` is missing or older than a file under `sources` (absolute paths). `options`
 * narrow the walk: `isSource(name)` picks files, `skipDirs` names folders never to enter.
 */
export function isOlderThanSources(built, sources, { isSource = () => true, skipDirs = [] } = {}) {
  const builtAt = fs.statSync(built, { throwIfNoEntry: false })?.mtimeMs;
  if (builtAt === undefined) return true;
  const newer = (p) => {
    const s = fs.statSync(p, { throwIfNoEntry: false });
    if (!s) return false;
    if (!s.isDirectory()) return isSource(path.basename(p)) && s.mtimeMs > builtAt;
    return fs.readdirSync(p).some((name) => !skipDirs.includes(name) && newer(path.join(p, name)));
  };
  return sources.some(newer);
}
