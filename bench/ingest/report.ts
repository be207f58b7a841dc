import type { BenchServer } from "./server-process";
import type { Measurement } from "./ingest";

export const TARGETS = { pointsPerSecond: 100_000, fractionOfCopy: 0.5, rssMiB: 250 };

export function printColdStart(label: string, server: BenchServer): void {
  const figure = `${seconds(server.coldStartMs)}  (listening at ${seconds(server.listeningMs)})`;
  console.log(`  ${label.padEnd(46)} ${figure.padEnd(31)} target: a couple of seconds (MLflow ≈ 2.5 s)`);
}

export function printRound(round: number, http: Measurement, copy: Measurement): void {
  console.log(
    `  round ${round}  HTTP ${rate(http.perSecond).padStart(11)} in ${http.seconds.toFixed(2)} s   CPU: server ${http.serverCpu!.toFixed(1)} s, ` +
      `Postgres ${http.postgresCpu.toFixed(1)} s   RSS after ${mib(http.rssAfterMiB!)}, peak ${mib(http.rssPeakMiB!)}`,
  );
  console.log(
    `           COPY ${rate(copy.perSecond).padStart(11)} in ${copy.seconds.toFixed(2)} s   CPU: Postgres ${copy.postgresCpu.toFixed(1)} s` +
      `   HTTP/COPY ${(http.perSecond / copy.perSecond).toFixed(2)}`,
  );
}

/** Medians over the rounds, each beside its target. RSS: the last sample and the peak of all rounds. */
export function printResults(http: Measurement[], copy: Measurement[], rssAfterMiB: number): void {
  const ours = median(http.map((m) => m.perSecond));
  const floor = median(copy.map((m) => m.perSecond));
  const rssPeak = Math.max(...http.map((m) => m.rssPeakMiB!));
  const rows: [string, string, string, boolean?][] = [
    ["log-batch over HTTP", rate(ours), `≥ ${rate(TARGETS.pointsPerSecond)}`, ours >= TARGETS.pointsPerSecond],
    ["raw COPY, 1000 rows per statement", rate(floor), ""],
    ["HTTP as a fraction of COPY", (ours / floor).toFixed(2), `≥ ${TARGETS.fractionOfCopy}`, ours / floor >= TARGETS.fractionOfCopy],
    ["server RSS after ingest (PostgreSQL mode)", mib(rssAfterMiB), `≤ ${TARGETS.rssMiB} MiB`, rssAfterMiB <= TARGETS.rssMiB],
    ["server peak RSS during ingest (100 ms samples)", mib(rssPeak), `≤ ${TARGETS.rssMiB} MiB`, rssPeak <= TARGETS.rssMiB],
    ["CPU per round, HTTP: server + Postgres", `${median(http.map((m) => m.serverCpu!)).toFixed(1)} s + ${median(http.map((m) => m.postgresCpu)).toFixed(1)} s`, ""],
    ["CPU per round, COPY: Postgres", `${median(copy.map((m) => m.postgresCpu)).toFixed(1)} s`, ""],
  ];
  console.log(`\nResults (median of ${http.length} rounds)`.padEnd(51) + "measured".padEnd(18) + "target");
  for (const [label, measured, target, isMet] of rows) {
    const verdict = isMet === undefined ? "" : isMet ? "  met" : "  MISSED";
    console.log(`  ${label.padEnd(48)} ${measured.padEnd(17)} ${target}${verdict}`);
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const mib = (value: number) => `${value.toFixed(1)} MiB`;
const rate = (value: number) => `${Math.round(value).toLocaleString("en")} /s`;
