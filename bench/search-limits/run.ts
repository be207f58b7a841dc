// Hostile-search benchmark (issue 12, items 2, 3 and 5), on both drivers. Seeds a small team
// server (4 experiments × 25 runs logging `loss` and `lr` step by step, one log-metric request per
// point, plus 100 more metric keys per run), then times the filters of the issue and the worst
// ones the limits still allow, and a log-batch alone and with 8 of those searches in flight.
// On PostgreSQL it also EXPLAINs the SQL shape of before the merge (one EXISTS per repeated
// comparison) against the merged one, for the planning time.
//
//   npx next build && npm run build:rest
//   npm run bench:search-limits      # = node --import tsx bench/search-limits/run.ts
//
// PostgreSQL: METRON_BENCH_LIMITS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/metron_b_search_limits),
// dropped and recreated on every run.
import os from "node:os";
import postgres from "postgres";
import { dropDatabase, startTestServer, type TestDriver, type TestServer } from "../../server/testing/test-server";

const DATABASE_URL = process.env.METRON_BENCH_LIMITS_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_b_search_limits";
const EXPERIMENTS = 4;
const RUNS_PER_EXPERIMENT = 25;
const STEPS = 10;
const EXTRA_KEYS = 100;

const repeat = (clause: string, times: number, joiner = " AND ") => Array.from({ length: times }, () => clause).join(joiner);
const distinct = (times: number, joiner: string) => Array.from({ length: times }, (_, i) => `metrics.k${i} > 0.5`).join(joiner);

async function call(server: TestServer, endpoint: string, body: unknown): Promise<{ status: number; ms: number; body: any }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const started = performance.now();
  const res = await fetch(`${server.baseUrl}/api/2.0/mlflow/${endpoint}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, ms: performance.now() - started, body: text.startsWith("{") ? JSON.parse(text) : text };
}

async function seed(server: TestServer): Promise<{ experimentIds: string[]; runIds: string[] }> {
  const experimentIds: string[] = [];
  const runIds: string[] = [];
  for (let e = 0; e < EXPERIMENTS; e++) {
    experimentIds.push((await call(server, "experiments/create", { name: `team-${e}` })).body.experiment_id);
    for (let r = 0; r < RUNS_PER_EXPERIMENT; r++) {
      const runId = (await call(server, "runs/create", { experiment_id: experimentIds[e], start_time: Date.now() })).body.run.info.run_id;
      runIds.push(runId);
      for (let step = 0; step < STEPS; step++) {
        for (const [key, value] of [["loss", 1 / (step + 1) + Math.random()], ["lr", 0.01]] as const) {
          await call(server, "runs/log-metric", { run_id: runId, key, value, timestamp: Date.now(), step });
        }
      }
      const metrics = Array.from({ length: EXTRA_KEYS }, (_, i) => ({ key: `k${i}`, value: Math.random(), timestamp: Date.now(), step: 0 }));
      await call(server, "runs/log-batch", { run_id: runId, metrics, params: [{ key: "opt", value: r % 2 ? "adam" : "sgd" }] });
    }
  }
  return { experimentIds, runIds };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function benchDriver(driver: TestDriver): Promise<void> {
  const server = await startTestServer(driver, { databaseUrl: DATABASE_URL });
  try {
    let started = performance.now();
    const { experimentIds, runIds } = await seed(server);
    console.log(`\n## ${driver}: seeded ${runIds.length} runs over the API in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const runs = (filter: string, extra: Record<string, unknown> = {}) => ({ experiment_ids: experimentIds, filter, max_results: 100, ...extra });
    const cases: [string, string, unknown][] = [
      ["AND × 100, one key (merged into one probe)", "runs/search", runs(repeat("metrics.loss > 0", 100))],
      ["AND × 100, distinct keys (worst allowed)", "runs/search", runs(distinct(100, " AND "))],
      ["OR × 100, distinct keys", "runs/search", runs(distinct(100, " OR "))],
      ["32 nested levels", "runs/search", runs(`${"(".repeat(31)}NOT metrics.loss > 2${")".repeat(31)}`)],
      ["AND × 200, one key (issue: 18-58 s)", "runs/search", runs(repeat("metrics.loss > 0", 200))],
      ["AND × 5000 (issue: PGlite hang)", "runs/search", runs(repeat("metrics.loss > 0", 5000))],
      ["5,000 nested parentheses", "runs/search", runs(`${"(".repeat(5000)}metrics.loss > 0${")".repeat(5000)}`)],
      ["1 MB filter", "runs/search", runs(`run_id IN (${repeat(`'${runIds[0]}'`, 25_000, ", ")})`)],
      ["70,000 experiment ids", "runs/search", { experiment_ids: [...experimentIds, ...Array.from({ length: 70_000 - EXPERIMENTS }, (_, i) => String(1e6 + i))], max_results: 100 }],
      ["830 order_by keys", "runs/search", runs("", { order_by: Array.from({ length: 830 }, (_, i) => `metrics.k${i % 100} DESC`) })],
    ];
    console.log("| case | status | median ms (5) |\n|---|---|---|");
    for (const [label, endpoint, body] of cases) {
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await call(server, endpoint, body));
      console.log(`| ${label} | ${answers[0].status} ${answers[0].body.error_code ?? `(${answers[0].body.runs?.length ?? 0} runs)`} | ${median(answers.map((a) => a.ms)).toFixed(0)} |`);
    }
    await logBatchUnderSearches(server, runIds[0], runs(distinct(100, " AND ")));
  } finally {
    await server.stop();
  }
  if (driver === "postgres") await explainPlanning();
}

/** log-batch latency alone, then with 8 of the worst allowed searches in flight. */
async function logBatchUnderSearches(server: TestServer, runId: string, slowSearch: unknown): Promise<void> {
  const logOnce = async (step: number) => (await call(server, "runs/log-batch", { run_id: runId, metrics: [{ key: "loss", value: 0.1, timestamp: Date.now(), step: 100 + step }] })).ms;
  const alone: number[] = [];
  for (let i = 0; i < 10; i++) alone.push(await logOnce(i));
  const searches = Array.from({ length: 8 }, async () => {
    for (let i = 0; i < 3; i++) await call(server, "runs/search", slowSearch);
  });
  const busy: number[] = [];
  let stop = false;
  const all = Promise.all(searches).then(() => (stop = true));
  for (let i = 0; !stop; i++) busy.push(await logOnce(20 + i));
  await all;
  console.log(`log-batch median: alone ${median(alone).toFixed(0)} ms, with 8 worst-allowed searches in flight ${median(busy).toFixed(0)} ms (max ${Math.max(...busy).toFixed(0)} ms, ${busy.length} requests)`);
}

/** Planning time of the SQL shape before the merge (one EXISTS per comparison) and after. */
async function explainPlanning(): Promise<void> {
  const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    await sql`set statement_timeout = '60s'`;
    const exists = "exists (select 1 from latest_metrics m where m.run_uuid = runs.run_uuid and m.key = 'loss' and not m.is_nan and m.value > 0)";
    for (const copies of [1, 10, 25, 50]) {
      const text = `explain (summary) select run_uuid from runs where ${repeat(exists, copies)} order by start_time desc limit 101`;
      const started = performance.now();
      const plan = await sql.unsafe(text).catch((err: Error) => [{ "QUERY PLAN": err.message }]);
      const planning = plan.map((r) => Object.values(r)[0] as string).find((line) => line.startsWith("Planning Time")) ?? plan[0]["QUERY PLAN"];
      console.log(`EXPLAIN, ${copies} × the same EXISTS (the shape before the merge): ${planning} (round trip ${(performance.now() - started).toFixed(0)} ms)`);
    }
  } finally {
    await sql.end();
  }
}

async function main(): Promise<void> {
  console.log(`Metron hostile-search benchmark — ${os.cpus().length} CPUs, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  try {
    for (const driver of ["postgres", "pglite"] as const) await benchDriver(driver);
  } finally {
    await dropDatabase(DATABASE_URL);
  }
}

await main();
