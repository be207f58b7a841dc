// Growth of the metrics table (issue 18, item 5): metric history and the chart bucket query should stay
// flat as the table grows from 10M to 100M points. PostgreSQL mode, never analyzed by hand.
//   1. Through the REST API: the charts bench's history (a 1M-step `loss` series and five 100k-step runs,
//      log-batch) and a run with a 10k-point `loss`; the server's summarizer builds their chart summaries.
//   2. Other teams' runs fill the table (SQL inside PostgreSQL: 10k steps × loss, lr, accuracy per run)
//      up to each stage of GROWTH_STAGES (default 10M,100M points), and at each stage the same requests
//      are timed: metrics/get-history of 10k points, and charts.series 1M → 1000 buckets (x = step, time).
// The filler runs' chart summaries are not built (only the measured series are read); latest_metrics is.
//
//   npx next build && npm run build:rest
//   npm run bench:growth       # = node --import tsx bench/scale/growth-points.ts  (~15 GB of disk at 100M)
//
// Database: METRON_BENCH_GROWTH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/metron_bench_growth), recreated.
import { execFileSync } from "node:child_process";
import os from "node:os";
import postgres from "postgres";
import { recreateDatabase } from "../../server/testing/test-server";
import { seedHistory } from "../charts/seed";
import { waitForSummaries } from "../ingest/summaries";
import { cpuMeter } from "../search/cpu";
import { stats } from "../search/measure";
import { callMlflow, startServer } from "../search/server";

const DATABASE_URL = process.env.METRON_BENCH_GROWTH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_growth";
const STAGES = (process.env.GROWTH_STAGES ?? "10000000,100000000").split(",").map(Number);
const REPETITIONS = Number(process.env.GROWTH_REPETITIONS ?? 100);
const FILLER_STEPS = 10_000;
const FILLER_KEYS = ["loss", "lr", "accuracy"];
const RUNS_PER_STATEMENT = 20; // 600k rows a statement: progress shows, and a statement stays short
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" ");

async function main(): Promise<void> {
  console.log(`Metron growth benchmark (metrics table 10M → 100M points) — ${os.cpus().length} CPUs, load ${load()}\n`);
  await recreateDatabase(DATABASE_URL);
  const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
  const server = await startServer(DATABASE_URL);
  try {
    const seeded = await seedHistory(server.baseUrl);
    const historyRunId = await logTenThousandPoints(server.baseUrl);
    await waitForSummaries(sql);
    console.log(`Seeded ${(seeded.points + 10_000).toLocaleString("en")} points by log-batch; chart summaries built by the server\n`);
    const { experiment_id } = await callMlflow(server.baseUrl, "experiments/create", { name: "growth-filler" });
    const meter = cpuMeter(server.pid, DATABASE_URL);
    const baseUrl = server.baseUrl;
    const series = (x: string) =>
      `${baseUrl}/api/trpc/charts.series?input=${encodeURIComponent(JSON.stringify({ series: [{ runId: seeded.bigRunId, key: "loss" }], x, buckets: 1000 }))}`;
    // The floor (a request that reads nothing) moves with the machine's load alone: figures are read against it.
    const cases = [
      { label: "floor: experiments/get", url: `${baseUrl}/api/2.0/mlflow/experiments/get?experiment_id=${experiment_id}` },
      { label: "metrics/get-history, 10k points", url: `${baseUrl}/api/2.0/mlflow/metrics/get-history?run_id=${historyRunId}&metric_key=loss` },
      { label: "charts.series 1M steps → 1000 buckets, x = step", url: series("step") },
      { label: "charts.series 1M points → 1000 buckets, x = time", url: series("time") },
    ];
    const results: { stage: number; rows: { label: string; p50: number; p95: number; cpu: number }[] }[] = [];
    let fillerRuns = 0;
    for (const stage of STAGES) {
      fillerRuns = await fillTo(sql, Number(experiment_id), stage, fillerRuns);
      const rows = await timeCases(cases, meter);
      results.push({ stage, rows });
      console.log(`\nAt ${stage.toLocaleString("en")} points (${await sizeOf(sql)}; ${await analyzedState(sql)}; load ${load()}):`);
      for (const r of rows) console.log(`  ${r.label.padEnd(52)} p50 ${r.p50.toFixed(1).padStart(6)}  p95 ${r.p95.toFixed(1).padStart(6)}  cpu ${r.cpu.toFixed(1)} ms`);
    }
    const [first, last] = [results[0], results[results.length - 1]];
    console.log(`\nGrowth ${first.stage / 1e6}M → ${last.stage / 1e6}M points, p50 ratio (target: flat, ~1.0):`);
    for (const [i, r] of last.rows.entries()) {
      console.log(`  ${r.label.padEnd(52)} p50 ×${(r.p50 / first.rows[i].p50).toFixed(2)}  p95 ×${(r.p95 / first.rows[i].p95).toFixed(2)}  cpu ×${(r.cpu / first.rows[i].cpu).toFixed(2)}`);
    }
  } finally {
    await server.stop();
    await sql.end();
  }
}

/** A run whose `loss` has 10,000 steps, logged as the official client's log-batch does (1000 a request). */
async function logTenThousandPoints(baseUrl: string): Promise<string> {
  const { experiment_id } = await callMlflow(baseUrl, "experiments/create", { name: "growth-history" });
  const { run } = await callMlflow(baseUrl, "runs/create", { experiment_id, start_time: Date.now() });
  for (let from = 0; from < 10_000; from += 1000) {
    const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: "loss", value: 1 / (from + i + 1), timestamp: Date.now(), step: from + i }));
    await callMlflow(baseUrl, "runs/log-batch", { run_id: run.info.run_id, metrics });
  }
  return run.info.run_id;
}

/** Adds filler runs (in PostgreSQL, reniced so the measured server keeps its CPU) until metrics holds `target` rows. */
async function fillTo(sql: postgres.Sql, experimentId: number, target: number, runsSoFar: number): Promise<number> {
  const [{ pid }] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
  execFileSync("renice", ["-n", "10", "-p", String(pid)]);
  const started = performance.now();
  let [{ n: rows }] = await sql<{ n: number }[]>`select count(*)::float8 as n from metrics`;
  let runs = runsSoFar;
  while (rows < target) {
    const count = Math.min(RUNS_PER_STATEMENT, Math.ceil((target - rows) / (FILLER_STEPS * FILLER_KEYS.length)));
    await sql.begin(async (tx) => {
      await tx`insert into runs (run_uuid, name, experiment_id, user_id, status, start_time, end_time, lifecycle_stage, artifact_uri)
        select md5('filler' || r), 'filler-' || r, ${experimentId}, 'team', 'FINISHED', 1700000000000 + r * 1000, 1700000000000 + r * 1000 + ${FILLER_STEPS * 100}, 'active', 'file:///tmp/a'
        from generate_series(${runs}::int, ${runs + count - 1}::int) r`;
      await tx`insert into metrics (run_uuid, key, step, timestamp, value, is_nan)
        select md5('filler' || r), k, s, 1700000000000 + r * 1000 + s * 100, random(), false
        from generate_series(${runs}::int, ${runs + count - 1}::int) r, unnest(${FILLER_KEYS}::text[]) k, generate_series(0, ${FILLER_STEPS - 1}) s`;
      await tx`insert into latest_metrics (run_uuid, key, step, timestamp, value, is_nan, experiment_id)
        select md5('filler' || r), k, ${FILLER_STEPS - 1}, 1700000000000 + r * 1000 + ${(FILLER_STEPS - 1) * 100}, 0.5, false, ${experimentId}
        from generate_series(${runs}::int, ${runs + count - 1}::int) r, unnest(${FILLER_KEYS}::text[]) k`;
    });
    runs += count;
    rows += count * FILLER_STEPS * FILLER_KEYS.length;
    // One line per 10M rows: a line per statement would flood the log.
    if (Math.floor(rows / 1e7) > Math.floor((rows - count * FILLER_STEPS * FILLER_KEYS.length) / 1e7) || rows >= target) {
      console.log(`  filler: ${runs} runs, ${Math.round(rows / 1e6)}M points in metrics, ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }
  }
  return runs;
}

async function timeCases(cases: { label: string; url: string }[], meter: ReturnType<typeof cpuMeter>) {
  const samples = cases.map(() => [] as number[]);
  const cpu = cases.map(() => 0);
  for (let round = 0; round < REPETITIONS + 5; round++) {
    meter.refresh();
    for (const [i, c] of cases.entries()) {
      const before = meter.read();
      const started = performance.now();
      const res = await fetch(c.url);
      await res.text();
      if (res.status !== 200) throw new Error(`${c.label} answered ${res.status}`);
      if (round < 5) continue;
      samples[i].push(performance.now() - started);
      cpu[i] += meter.read() - before;
    }
  }
  return cases.map((c, i) => ({ label: c.label, ...stats(samples[i]), cpu: cpu[i] / REPETITIONS }));
}

async function sizeOf(sql: postgres.Sql): Promise<string> {
  const [r] = await sql`select pg_size_pretty(pg_total_relation_size('metrics')) as total, pg_size_pretty(pg_relation_size('metrics')) as heap`;
  return `metrics ${r.heap} heap, ${r.total} with indexes`;
}

async function analyzedState(sql: postgres.Sql): Promise<string> {
  const [r] = await sql`select coalesce(greatest(last_analyze, last_autoanalyze)::text, 'never') as at, n_mod_since_analyze::float8 as mods
    from pg_stat_user_tables where relname = 'metrics'`;
  return `metrics last analyzed ${r.at === "never" ? "never" : "by the server"}, ${Math.round(Number(r.mods) / 1e6)}M rows changed since`;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
