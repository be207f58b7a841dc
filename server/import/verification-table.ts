import type { ImportSummary } from "./import-store";
import type { EntityCounts } from "./model";

const ROWS: [keyof EntityCounts, string][] = [
  ["experiments", "experiments"],
  ["runs", "runs"],
  ["params", "params"],
  ["tags", "run tags"],
  ["metricPoints", "metric points"],
  ["datasetInputs", "dataset inputs"],
  ["loggedModels", "logged models"],
  ["registeredModels", "registered models"],
  ["modelVersions", "model versions"],
];

/** The closing table: every entity counted in the source and in Metron, and whether they agree. */
export function formatVerification(summary: ImportSummary): { text: string; ok: boolean } {
  const lines: string[] = [];
  let ok = true;
  const row = (name: string, source: string | number, metron: string | number, same: boolean | undefined) => {
    if (same === false) ok = false;
    const mark = same === undefined ? "" : same ? "ok" : "MISMATCH";
    lines.push(`${name.padEnd(20)}${String(source).padStart(14)}${String(metron).padStart(14)}  ${mark}`);
  };
  lines.push(`${"".padEnd(20)}${"source".padStart(14)}${"metron".padStart(14)}`);
  for (const [key, label] of ROWS) {
    const metron = summary.metron?.[key];
    row(label, summary.source[key], metron ?? "-", metron === undefined ? undefined : metron === summary.source[key]);
  }
  const a = summary.artifacts;
  if (summary.metron && a.files > 0) {
    row("artifact files", a.files, a.storedFiles, a.files === a.storedFiles);
    row("artifact bytes", a.bytes, a.storedBytes, a.bytes === a.storedBytes);
    row("sha-256 matches", a.files, a.matchingChecksums, a.files === a.matchingChecksums);
  }
  return { text: lines.join("\n"), ok };
}
