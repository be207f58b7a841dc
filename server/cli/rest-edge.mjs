import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isOlderThanSources } from "./build-staleness.mjs";

// The custom server's fast path for the REST API (server/rest/http/node-router.ts) is TypeScript
// outside Next's bundle: esbuild compiles it into one ES module next to Next's build output.
// `next build` empties .next, so a missing bundle simply means "build it" (a fraction of a second).

const ENTRY = "server/rest/http/node-router.ts";
const BUNDLE = ".next/metron-rest/node-router.mjs";
const SOURCE_DIRS = ["server"];
const SOURCE_FILES = ["package.json", "package-lock.json", "tsconfig.json", "server/cli/rest-edge.mjs"];

/** Builds the bundle when it is missing or older than its sources, then loads it. */
export async function loadRestEdge(root) {
  const bundle = path.join(root, BUNDLE);
  if (isOlderThanSources(bundle, [...SOURCE_DIRS, ...SOURCE_FILES].map((p) => path.join(root, p)))) await buildRestEdge(root);
  return import(pathToFileURL(bundle).href);
}

export async function buildRestEdge(root) {
  const esbuild = await import("esbuild");
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [ENTRY],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Packages load from node_modules at run time, as the Next server loads its external ones;
    // the database client cache on globalThis (server/db/client.ts) makes both share one pool.
    packages: "external",
    plugins: [serverOnlyIsEmpty],
    write: false,
    logLevel: "warning",
  });
  // Servers started side by side (tests) may build at once: each writes its own file and renames it into place.
  const bundle = path.join(root, BUNDLE);
  fs.mkdirSync(path.dirname(bundle), { recursive: true });
  const staged = `${bundle}.${process.pid}.tmp`;
  fs.writeFileSync(staged, result.outputFiles[0].contents);
  fs.renameSync(staged, bundle);
}

/**
 * "server-only" throws unless imported under the react-server condition, which Next's server
 * bundle sets; this bundle is server code by construction, so the guard becomes an empty module.
 */
const serverOnlyIsEmpty = {
  name: "server-only-is-empty",
  setup(build) {
    build.onResolve({ filter: /^server-only$/ }, () => ({ path: "server-only", namespace: "empty" }));
    build.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "" }));
  },
};

// `node server/cli/rest-edge.mjs` (part of `npm run build`) builds the bundle ahead of the first start.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await buildRestEdge(path.resolve(import.meta.dirname, "../.."));
}
