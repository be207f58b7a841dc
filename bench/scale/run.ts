// Scale benchmark (issue 18): a team server, PostgreSQL mode. SCALE_EXPERIMENTS experiments
// (default 200): one of SCALE_BIG_RUNS runs (default 100,000; the issue's full size is 1,000,000),
// one of SCALE_MEASURED_RUNS (default 10,000), the others SCALE_OTHER_RUNS (default 50); 20 params,
// 10 metrics and 5 tags per run, half of the key names shared by every experiment (bench/scale/seed.ts).
// Written by COPY with the server running and NEVER analyzed or vacuumed by hand: the server's own
// automatic ANALYZE and VACUUM (server/db/auto-analyze.ts) are the only ones. Then, beside the issue's targets:
//   - the experiment page (HTML with its first rows, server time; first rows visible in chromium), its keys, runs/search with a
//     filter + metric order (p95 ≤ 25 ms) and a 1000-run page (mean ≤ 60 ms), on both experiments;
//   - metrics/get-history of 10,000 points (p50 ≤ 10 ms);
//   - per-step logging: single-point runs/log-metric and 10-point log-batch requests/s with 1, 4
//     and 32 clients (MLflow 2.14 here: 2.2k points/s for 4 clients × 10-point batches);
//   - bulk log-batch (4 clients × 1000 points) beside a raw 1000-row COPY into an empty clone of metrics
//     and into metrics itself;
//   - CPU per request (server, PostgreSQL) beside the times, which the machine's other load moves more;
//   - the server's RSS.
// Options: SCALE_SECTIONS, SCALE_REUSE, SCALE_CPU_PROF, SCALE_PGLITE (below).
// The search figures are taken twice: right after the bulk load, and once the automatic ANALYZE and
// VACUUM have caught up, so that a plan that depends on fresh statistics or visibility shows.
//
//   npx next build && npm run build:rest    # otherwise the server builds itself first
//   npm run bench:scale                     # = node --import tsx bench/scale/run.ts
//
// Database: METRON_BENCH_SCALE_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/metron_bench_scale),
// dropped and recreated on every run.
import os from "node:os";
import type { Sql } from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { findGrownTables, findTablesToVacuum } from "../../server/db/auto-analyze";
import type { Db } from "../../server/db/types";
import { recreateDatabase } from "../../server/testing/test-server";
import { cpuMeter, createRuns, ingestOverHttp, ingestWithCopy, openBenchSql } from "../ingest/ingest";
import { readCpuSeconds, readRssMiB } from "../ingest/server-process";
import { waitForSummaries } from "../ingest/summaries";
import { callMlflow, startServer, type BenchServer } from "../search/server";
import { timeFirstRowsInChromium } from "./first-rows";
import { timedFetch, timeProbes, type Probe } from "./measure";
import { runPerStepLogging } from "./per-step";
import { findSeededExperiments, runCount, seedExperiments, seedRuns, T0, type Shape } from "./seed";

const DATABASE_URL = process.env.METRON_BENCH_SCALE_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_scale";
const int = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const SHAPE: Shape = {
  experiments: int("SCALE_EXPERIMENTS", 200),
  big: int("SCALE_BIG_RUNS", 100_000),
  measured: int("SCALE_MEASURED_RUNS", 10_000),
  other: int("SCALE_OTHER_RUNS", 50),
};
const REPETITIONS = int("SCALE_REPETITIONS", 30);
const HISTORY_POINTS = 10_000;
const FILTER = "metrics.loss > 0.5 and params.lr = 'v3'";
const ORDER = ["metrics.accuracy DESC"];

/** SCALE_SECTIONS (comma-separated: search, browser, history, per-step, bulk) runs a part of the benchmark; all by default. */
const SECTIONS = new Set((process.env.SCALE_SECTIONS ?? "search,browser,history,per-step,bulk").split(","));
/** SCALE_REUSE=1 keeps the last run's database as it is (quick iterations; figures then include earlier runs' writes). */
const REUSE = process.env.SCALE_REUSE === "1";
// SCALE_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (--cpu-prof).
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

/**
 * SCALE_PGLITE=1: what applies to embedded PGlite, which only the server's process can open: no COPY seed
 * (so no search probes on 200 experiments) and no COPY floor; history, per-step logging and bulk log-batch.
 */
async function mainPglite(): Promise<void> {
  console.log(`Metron scale benchmark, embedded PGlite — ${os.cpus().length} CPUs, Node ${process.version}, load average ${load()}`);
  const server = await startServer(undefined, { cpuProfileDir: process.env.SCALE_CPU_PROF });
  try {
    const { experiment_id: id } = await callMlflow(server.baseUrl, "experiments/create", { name: "scale-pglite" });
    if (SECTIONS.has("history")) await history(server, id);
    if (SECTIONS.has("per-step")) await runPerStepLogging(server, id);
    if (SECTIONS.has("bulk")) {
      const http = await ingestOverHttp(undefined, server, await createRuns(server.baseUrl, id, "bulk", T0), T0);
      console.log(`\nBulk ingest (4 clients × 50 × 1000 points); load average ${load()}`);
      console.log(`  log-batch over HTTP: ${Math.round(http.perSecond).toLocaleString("en")} points/s (server CPU, PGlite in it, ${http.serverCpu?.toFixed(1)} s; RSS peak ${http.rssPeakMiB?.toFixed(0)} MiB)`);
    }
    console.log(`\nServer RSS at the end: ${readRssMiB(server.pid).toFixed(0)} MiB; load average ${load()}`);
  } finally {
    await server.stop();
  }
}

async function main(): Promise<void> {
  console.log(`Metron scale benchmark — ${os.cpus().length} CPUs, Node ${process.version}, load average ${load()}`);
  console.log(`Shape: ${JSON.stringify(SHAPE)}`);
  if (!REUSE) await recreateDatabase(DATABASE_URL);
  const server = await startServer(DATABASE_URL, { cpuProfileDir: process.env.SCALE_CPU_PROF });
  // Bulk ingest reserves 4 connections and still queries beside them.
  const sql = openBenchSql(DATABASE_URL, 8);
  try {
    const started = performance.now();
    const ids = REUSE ? await findSeededExperiments(sql) : await seedExperiments(sql, SHAPE);
    if (!REUSE) for (const [experiment, id] of ids.entries()) await seedRuns(sql, experiment, id, runCount(SHAPE, experiment));
    console.log(`${REUSE ? "Reused the last run's database" : "Seeded by COPY"} in ${((performance.now() - started) / 1000).toFixed(1)} s; load average ${load()}`);
    await printState(sql);

    if (SECTIONS.has("search")) await searchProbes(server, ids, "Right after the bulk load (no manual ANALYZE)");
    if (SECTIONS.has("browser")) await timeFirstRowsInChromium(server.baseUrl, experimentsShown(ids), "Right after the bulk load");
    if (SECTIONS.has("history")) await history(server, String(ids[1]), sql);
    // The server's own VACUUM of the fresh load is done first: it would compete with the requests.
    await waitForAutoAnalyze(sql, 120_000);
    if (SECTIONS.has("per-step")) await runPerStepLogging(server, String(ids[1]), sql);
    if (SECTIONS.has("bulk")) await bulk(server, sql, String(ids[1]));

    const waited = await waitForAutoAnalyze(sql, 120_000);
    console.log(`\nAutomatic ANALYZE and VACUUM caught up after ${(waited / 1000).toFixed(1)} s more; load average ${load()}`);
    await printState(sql);
    if (SECTIONS.has("search")) await searchProbes(server, ids, "After the server's automatic ANALYZE and VACUUM");
    if (SECTIONS.has("browser")) await timeFirstRowsInChromium(server.baseUrl, experimentsShown(ids), "After the server's automatic ANALYZE and VACUUM");
    console.log(`\nServer RSS at the end: ${readRssMiB(server.pid).toFixed(0)} MiB; load average ${load()}`);
  } finally {
    await sql.end();
    await server.stop();
  }
}

const experimentsShown = (ids: number[]) => [
  { label: `measured (${SHAPE.measured} runs)`, id: String(ids[1]) },
  { label: `big (${SHAPE.big} runs)`, id: String(ids[0]) },
];

/** Row counts and when the server last analyzed each big table (PostgreSQL's own record). */
async function printState(sql: Sql): Promise<void> {
  const rows = await sql`
    select relname, n_live_tup, coalesce(greatest(last_analyze, last_autoanalyze)::text, 'never') as analyzed,
      coalesce(greatest(last_vacuum, last_autovacuum)::text, 'never') as vacuumed, pg_size_pretty(pg_total_relation_size(relid)) as size
    from pg_stat_user_tables where relname in ('runs', 'params', 'tags', 'metrics', 'latest_metrics', 'experiment_keys') order by relname`;
  for (const r of rows) {
    console.log(`  ${String(r.relname).padEnd(16)} ${String(r.n_live_tup).padStart(10)} rows  ${String(r.size).padStart(8)}  last analyze: ${r.analyzed}, vacuum: ${r.vacuumed}`);
  }
}

async function searchProbes(server: BenchServer, ids: number[], title: string): Promise<void> {
  const probes: Probe[] = [];
  for (const [experiment, label] of [[1, `measured (${SHAPE.measured} runs)`], [0, `big (${SHAPE.big} runs)`]] as const) {
    const id = String(ids[experiment]);
    const search = (body: object) => async () => {
      // Timed to the answer's last byte: the client's parsing of it (~3 MB for 1000 runs) is not the server's time.
      const { ms, text } = await timedFetch(`${server.baseUrl}/api/2.0/mlflow/runs/search`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ experiment_ids: [id], ...body }),
      });
      return { items: JSON.parse(text).runs?.length ?? 0, ms };
    };
    probes.push(
      {
        label: `${label}: experiment page HTML with first rows`,
        target: { stat: "p50", ms: 150 },
        run: async () => {
          const { ms, text } = await timedFetch(`${server.baseUrl}/experiments/${id}`);
          return { items: (text.match(/run-\d+/g) ?? []).length, ms };
        },
      },
      {
        label: `${label}: runsTable.keys (columns)`,
        run: async () => {
          const input = encodeURIComponent(JSON.stringify({ experimentIds: [id] }));
          const { text } = await timedFetch(`${server.baseUrl}/api/trpc/runsTable.keys?input=${input}`);
          const keys = JSON.parse(text).result.data;
          return keys.params.length + keys.metrics.length + keys.tags.length;
        },
      },
      { label: `${label}: runs/search "${FILTER}" by ${ORDER[0]}, 100`, target: { stat: "p95", ms: 25 }, run: search({ filter: FILTER, order_by: ORDER, max_results: 100 }) },
      { label: `${label}: runs/search 1000-run page, default order`, target: { stat: "mean", ms: 60 }, run: search({ max_results: 1000 }) },
    );
  }
  await timeProbes(`${title}; load average ${load()}`, probes, REPETITIONS);
}

/** A run of the measured experiment with HISTORY_POINTS points of `loss`, then get-history timed. */
async function history(server: BenchServer, experimentId: string, sql?: Sql): Promise<void> {
  const { run } = await callMlflow(server.baseUrl, "runs/create", { experiment_id: experimentId, run_name: "history", start_time: T0 });
  const runId = run.info.run_id;
  for (let start = 0; start < HISTORY_POINTS; start += 1000) {
    const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: "loss", value: 1 / (start + i + 1), timestamp: T0 + start + i, step: start + i }));
    await callMlflow(server.baseUrl, "runs/log-batch", { run_id: runId, metrics });
  }
  const url = `${server.baseUrl}/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=loss`;
  await timeProbes(`History of ${HISTORY_POINTS} points, written just before; load average ${load()}`, [
    // The request's own time, as the search probes take it: not the client's parsing of 0.8 MB of JSON.
    {
      label: `metrics/get-history, ${HISTORY_POINTS} points`,
      target: { stat: "p50", ms: 10 },
      run: async () => {
        const { text, ms } = await timedFetch(url);
        return { items: JSON.parse(text).metrics.length, ms };
      },
    },
  ], REPETITIONS);
  // CPU per request, which the machine's other load moves less than times: counted once the server's own
  // ANALYZE and VACUUM of the fresh data are done (their backends would be counted too).
  if (sql) await waitForAutoAnalyze(sql, 120_000);
  const meter = sql ? await cpuMeter(sql, server.pid) : undefined;
  const serverCpuBefore = readCpuSeconds(server.pid);
  for (let i = 0; i < REPETITIONS; i++) await timedFetch(url);
  const cpu = meter ? await meter.read() : { serverCpu: readCpuSeconds(server.pid) - serverCpuBefore, postgresCpu: 0 };
  const perRequest = (seconds: number) => ((1000 * seconds) / REPETITIONS).toFixed(1);
  console.log(`  CPU per request: server ${perRequest(cpu.serverCpu!)} ms${sql ? `, PostgreSQL ${perRequest(cpu.postgresCpu)} ms` : " (PGlite in it)"}`);
}

/**
 * 4 clients × 50 log-batch requests of 1000 points beside the same rows by raw COPY (bench/ingest): into
 * metrics_copy, an empty clone of metrics (the figure so far), and into metrics itself, the table the
 * requests write (same size, same indexes, same automatic ANALYZE and VACUUM).
 */
async function bulk(server: BenchServer, sql: Sql, experimentId: string): Promise<void> {
  await sql`create table if not exists metrics_copy (like metrics including all)`;
  const http = await ingestOverHttp(sql, server, await createRuns(server.baseUrl, experimentId, "bulk", T0), T0);
  // The chart summaries are built after the requests (metric_block_backlog): COPY must not share the
  // machine with that catch-up, and the figure with the catch-up counted is the honest one.
  const catchUpSeconds = await waitForSummaries(sql);
  const copy = await ingestWithCopy(sql, await createRuns(server.baseUrl, experimentId, "copy", T0), T0);
  const copyIntoMetrics = await ingestWithCopy(sql, await createRuns(server.baseUrl, experimentId, "copy-metrics", T0), T0, "metrics");
  console.log(`\nBulk ingest (4 clients × 50 × 1000 points); load average ${load()}`);
  console.log(`  log-batch over HTTP: ${Math.round(http.perSecond).toLocaleString("en")} points/s (server CPU ${http.serverCpu?.toFixed(1)} s, PostgreSQL CPU ${http.postgresCpu.toFixed(1)} s, RSS peak ${http.rssPeakMiB?.toFixed(0)} MiB)`);
  console.log(`  raw 1000-row COPY into metrics_copy: ${Math.round(copy.perSecond).toLocaleString("en")} points/s (PostgreSQL CPU ${copy.postgresCpu.toFixed(1)} s)`);
  console.log(`  raw 1000-row COPY into metrics:      ${Math.round(copyIntoMetrics.perSecond).toLocaleString("en")} points/s (PostgreSQL CPU ${copyIntoMetrics.postgresCpu.toFixed(1)} s)`);
  console.log(`  ratio to COPY into metrics_copy: ${(http.perSecond / copy.perSecond).toFixed(2)}, into metrics: ${(http.perSecond / copyIntoMetrics.perSecond).toFixed(2)} (target ≥ 0.5)`);
  const withCatchUp = http.perSecond * (http.seconds / (http.seconds + catchUpSeconds));
  console.log(`  chart summaries caught up ${catchUpSeconds.toFixed(2)} s after the last request; counting that: ${Math.round(withCatchUp).toLocaleString("en")} points/s, ratio to COPY into metrics ${(withCatchUp / copyIntoMetrics.perSecond).toFixed(2)}`);
}

/** Waits until no table has outgrown its statistics or its last VACUUM (the server's own checks, auto-analyze.ts). */
async function waitForAutoAnalyze(sql: Sql, timeoutMs: number): Promise<number> {
  const db = drizzle(sql) as unknown as Db;
  const started = performance.now();
  for (;;) {
    const grown = [...(await findGrownTables(db)), ...(await findTablesToVacuum(db))].filter((t) => t !== "metrics_copy");
    if (grown.length === 0 || performance.now() - started > timeoutMs) return performance.now() - started;
    await new Promise((r) => setTimeout(r, 500));
  }
}

(process.env.SCALE_PGLITE === "1" ? mainPglite() : main()).catch((err) => {
  console.error(err);
  process.exit(1);
});
