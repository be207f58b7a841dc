import type { LoadResult } from "./loggers";

/** The q-quantile (0..1) of `values` by nearest rank; NaN when empty. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

/** Points acknowledged across all loggers. */
export const acknowledgedPoints = (result: LoadResult) =>
  result.ledgers.reduce((sum, l) => sum + Object.values(l.acknowledged).reduce((a, b) => a + b, 0), 0);

/** A printable table: per operation calls, calls/s, p50/p95/p99 ms; then points/s, failures and retries. */
export function formatLoadReport(result: LoadResult): string {
  const seconds = result.elapsedMs / 1000;
  const lines = [`operation        calls   calls/s     p50 ms    p95 ms    p99 ms`];
  let calls = 0;
  for (const [operation, latencies] of Object.entries(result.latencies)) {
    calls += latencies.length;
    const ms = [0.5, 0.95, 0.99].map((q) => quantile(latencies, q).toFixed(1).padStart(9));
    lines.push(`${operation.padEnd(15)} ${String(latencies.length).padStart(6)} ${(latencies.length / seconds).toFixed(1).padStart(9)} ${ms.join(" ")}`);
  }
  lines.push(`all calls: ${calls} in ${seconds.toFixed(1)} s = ${(calls / seconds).toFixed(1)}/s; points acknowledged: ${acknowledgedPoints(result)} = ${(acknowledgedPoints(result) / seconds).toFixed(0)}/s`);
  lines.push(`final errors by operation and status: ${JSON.stringify(result.failures)}`);
  lines.push(`retried attempts by operation and status: ${JSON.stringify(result.retries)}`);
  return lines.join("\n");
}
