import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkExactlyOnce } from "../../server/testing/load/exactly-once";
import { runLoad } from "../../server/testing/load/loggers";
import { formatLoadReport } from "../../server/testing/load/report";
import { dropDatabase, recreateDatabase } from "../../server/testing/test-server";
import { readRssMiB, startBenchServer } from "../ingest/server-process";

// Issue #21 item 1: 32 concurrent MLflow loggers over HTTP against one server on PostgreSQL for 5 minutes,
// then every point, param and tag checked in SQL; throughput, latency per endpoint, errors, server RSS.
// Usage: npm run bench:load  [LOAD_SECONDS=300] [LOAD_LOGGERS=32] [LOAD_DATABASE_URL=postgres://…]

const SECONDS = Number(process.env.LOAD_SECONDS ?? 300);
const LOGGERS = Number(process.env.LOAD_LOGGERS ?? 32);
const DATABASE_URL = process.env.LOAD_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_load";
const RSS_EVERY_MS = 5_000;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "metron-bench-load-"));
await recreateDatabase(DATABASE_URL);
const server = await startBenchServer({ DATABASE_URL, METRON_ARTIFACTS_DIR: scratch, METRON_LOG_LEVEL: "warn", METRON_ACCESS_LOG: "false" });
try {
  console.log(`${LOGGERS} loggers for ${SECONDS} s against ${server.baseUrl} (PostgreSQL ${new URL(DATABASE_URL).pathname.slice(1)}); load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  const rss: { s: number; mib: number }[] = [];
  const started = performance.now();
  const sampler = setInterval(() => rss.push({ s: (performance.now() - started) / 1000, mib: readRssMiB(server.pid) }), RSS_EVERY_MS);
  const result = await runLoad({ baseUrls: [server.baseUrl], loggers: LOGGERS, durationMs: SECONDS * 1000 });
  clearInterval(sampler);
  console.log(formatLoadReport(result));
  console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);

  console.log(`server RSS (MiB) every ${RSS_EVERY_MS / 1000} s: ${rss.map((r) => r.mib.toFixed(0)).join(" ")}`);
  const window = Math.max(1, Math.floor(60_000 / RSS_EVERY_MS));
  const mean = (xs: { mib: number }[]) => xs.reduce((a, r) => a + r.mib, 0) / Math.max(1, xs.length);
  // The first minute includes JIT and pool warm-up; growth is judged from the second minute on.
  const early = mean(rss.slice(window, 2 * window));
  const late = mean(rss.slice(-window));
  console.log(`RSS mean, minute 2: ${early.toFixed(0)} MiB; last minute: ${late.toFixed(0)} MiB; ratio ${(late / early).toFixed(2)}; peak ${Math.max(...rss.map((r) => r.mib)).toFixed(0)} MiB`);

  const checkStarted = performance.now();
  const stored = await checkExactlyOnce(DATABASE_URL, result.ledgers);
  console.log(`stored: ${stored.points} points, ${stored.params} params, ${stored.tags} tags (checked in SQL in ${((performance.now() - checkStarted) / 1000).toFixed(1)} s)`);
  console.log(stored.problems.length === 0 ? "exactly once: every acknowledged point, param and tag present once, nothing else" : `PROBLEMS:\n${stored.problems.join("\n")}`);
  if (stored.problems.length > 0 || Object.keys(result.failures).length > 0) process.exitCode = 1;
} finally {
  await server.stop();
  await dropDatabase(DATABASE_URL);
  fs.rmSync(scratch, { recursive: true, force: true });
}
