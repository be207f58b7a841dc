// `metron import` benchmark: an MLflow SQLite store of RUNS runs × 10 metrics × STEPS steps
// (default 1,000 × 10 × 1,000 = 10M points), imported into PostgreSQL. Prints, from one run:
//   1. the import's points/s in its metrics phase and overall, and its peak RSS (VmHWM);
//   2. the same rows streamed from the same file by ONE raw COPY into a fresh `metrics` table;
//   3. Metron's own ingest path: log-batch of 1,000 points per request, one client, into a server
//      (on a 1M-point slice: 100 runs × 10 × 1,000, enough for a stable rate);
//   4. peak RSS of importing a store 10× smaller, to show memory does not follow the store's size.
//
//   npx next build && npm run build:rest   # the REST measurement starts the built server
//   npm run bench:import                   # BENCH_IMPORT_RUNS / BENCH_IMPORT_STEPS change the shape
//
// Databases metron_b_import* on 127.0.0.1 (METRON_BENCH_DATABASE_URL), recreated every run. The
// store is cached in $TMPDIR/metron-bench-import/ (rebuilt when missing or of another shape).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import { recreateDatabase } from "../../server/testing/test-server";
import { startBenchServer } from "../ingest/server-process";
import { makeStore, METRIC_KEYS, pointsOf, type StoreShape } from "./make-store";
import { rawCopy } from "./raw-copy";

const BASE_URL = process.env.METRON_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_b_import";
const SHAPE: StoreShape = { runs: Number(process.env.BENCH_IMPORT_RUNS ?? 1000), steps: Number(process.env.BENCH_IMPORT_STEPS ?? 1000) };
const SMALL: StoreShape = { runs: Math.max(1, Math.round(SHAPE.runs / 10)), steps: SHAPE.steps };
const ROOT = path.resolve(import.meta.dirname, "../..");
const CACHE = path.join(os.tmpdir(), "metron-bench-import");

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

async function main() {
  fs.mkdirSync(CACHE, { recursive: true });
  console.log(`metron import benchmark — ${os.cpus().length} CPUs, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)}\n`);
  const big = path.join(CACHE, `mlflow-${SHAPE.runs}x${SHAPE.steps}.db`);
  const small = path.join(CACHE, `mlflow-${SMALL.runs}x${SMALL.steps}.db`);
  let t = performance.now();
  makeStore(big, SHAPE);
  makeStore(small, SMALL);
  console.log(`store: ${SHAPE.runs} runs × ${METRIC_KEYS.length} metrics × ${SHAPE.steps} steps = ${fmt(pointsOf(SHAPE))} points, ` +
    `${(fs.statSync(big).size / 2 ** 30).toFixed(2)} GiB (ready in ${((performance.now() - t) / 1000).toFixed(0)} s)\n`);

  const importDb = `${BASE_URL}`;
  await recreateDatabase(importDb);
  const result = await runImport(big, importDb);
  const importRate = pointsOf(SHAPE) / result.metricsSeconds;
  console.log(`1. metron import      ${fmt(importRate)} points/s in the metrics phase (${result.metricsSeconds.toFixed(1)} s), ` +
    `${fmt(pointsOf(SHAPE) / result.totalSeconds)} points/s overall (${result.totalSeconds.toFixed(1)} s incl. start-up and verification), ` +
    `${fmt(pointsOf(SHAPE) / result.cpuSeconds)} points per CPU-second of the import process (${result.cpuSeconds.toFixed(1)} s), peak RSS ${result.peakMiB} MiB`);

  const copyDb = `${BASE_URL}_copy`;
  await recreateDatabase(copyDb);
  const sql = postgres(copyDb, { max: 1, onnotice: () => {} });
  await migrate(drizzle(sql), { migrationsFolder: path.join(ROOT, "drizzle") });
  t = performance.now();
  const cpu = process.cpuUsage();
  const copied = await rawCopy(big, sql);
  const copySeconds = (performance.now() - t) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  const copyCpu = (user + system) / 1e6;
  await sql.end();
  console.log(`2. raw COPY           ${fmt(copied / copySeconds)} points/s (${copySeconds.toFixed(1)} s), ${fmt(copied / copyCpu)} points per CPU-second of the client (${copyCpu.toFixed(1)} s) — ` +
    `import reaches ${((100 * importRate) / (copied / copySeconds)).toFixed(0)}% of its wall-clock rate, ${((100 * pointsOf(SHAPE)) / result.cpuSeconds / (copied / copyCpu)).toFixed(0)}% per CPU-second`);

  const restRate = await logBatchRate(`${BASE_URL}_rest`);
  console.log(`3. log-batch (REST)   ${fmt(restRate)} points/s (1 client, 1,000 points/request) — import is ${(importRate / restRate).toFixed(1)}× faster`);

  await recreateDatabase(importDb);
  const smallResult = await runImport(small, importDb);
  console.log(`4. peak RSS           ${smallResult.peakMiB} MiB importing ${fmt(pointsOf(SMALL))} points vs ${result.peakMiB} MiB for ${fmt(pointsOf(SHAPE))}`);
}

/** Runs the import process as `metron import` does (tsx entry), sampling its VmHWM until it exits. */
async function runImport(file: string, databaseUrl: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, METRON_ARTIFACTS_DIR: path.join(CACHE, "artifacts"), METRON_LOG_LEVEL: "warn", METRON_IMPORT_PROGRESS_MS: "10000" };
  delete env.NODE_OPTIONS;
  const args = JSON.stringify({ source: `sqlite:///${file}`, cwd: ROOT, skipArtifacts: true });
  const started = performance.now();
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "server/cli/import.ts", args], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c) => (stdout += c));
  child.stderr.on("data", (c) => (stderr += c));
  let peakKiB = 0;
  let cpuTicks = 0;
  const sampler = setInterval(() => {
    try {
      const hwm = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (hwm) peakKiB = Math.max(peakKiB, Number(hwm[1]));
      // utime + stime (fields 14 and 15 of /proc/pid/stat, after the parenthesised name), in 1/100 s.
      const fields = fs.readFileSync(`/proc/${child.pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
      cpuTicks = Number(fields[11]) + Number(fields[12]);
    } catch {
      // exited between two samples
    }
  }, 100);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  clearInterval(sampler);
  if (code !== 0) throw new Error(`import failed (${code}):\n${stderr}\n${stdout}`);
  const phase = stderr.split("\n").filter((l) => l.startsWith("runs + metrics")).at(-1) ?? "";
  const metricsSeconds = Number(/([\d.]+)s$/.exec(phase)?.[1]);
  if (!stdout.includes("every count matches")) throw new Error(`verification failed:\n${stdout}`);
  return { metricsSeconds, totalSeconds: (performance.now() - started) / 1000, peakMiB: Math.round(peakKiB / 1024), cpuSeconds: cpuTicks / 100 };
}

/** Metron's own ingest: one client posting log-batch requests of 1,000 points (10 keys × 100 steps). */
async function logBatchRate(databaseUrl: string): Promise<number> {
  await recreateDatabase(databaseUrl);
  // The import's own files are outside the server's build: a build newer than app/ and the REST
  // edge is enough (run `npx next build && npm run build:rest` first), so skip the staleness check.
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID"))) throw new Error("no Next.js build: run `npx next build && npm run build:rest` first");
  const server = await startBenchServer({ DATABASE_URL: databaseUrl, METRON_ARTIFACTS_DIR: path.join(CACHE, "artifacts"), METRON_SKIP_BUILD_CHECK: "1" });
  try {
    const call = async (p: string, body: unknown) => {
      const res = await fetch(`${server.baseUrl}/api/2.0/mlflow/${p}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${p}: ${res.status} ${await res.text()}`);
      return res.json();
    };
    const runIds: string[] = [];
    for (let r = 0; r < SMALL.runs; r++) runIds.push((await call("runs/create", { experiment_id: "0", start_time: 1 })).run.info.run_id);
    const started = performance.now();
    let points = 0;
    for (const runId of runIds) {
      for (let s = 0; s < SHAPE.steps; s += 100) {
        const metrics = [];
        for (let step = s; step < Math.min(s + 100, SHAPE.steps); step++) {
          for (const key of METRIC_KEYS) metrics.push({ key, value: Math.random(), timestamp: 1_700_000_000_000 + step, step });
        }
        await call("runs/log-batch", { run_id: runId, metrics });
        points += metrics.length;
      }
    }
    return points / ((performance.now() - started) / 1000);
  } finally {
    await server.stop();
  }
}

await main();
