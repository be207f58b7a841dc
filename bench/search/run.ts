// Search benchmark (issue 3), PostgreSQL mode. Seeds 100,000 runs × 20 params × 10 metrics × 5 tags
// and 5,000 experiments by COPY, then times through the REST endpoints, beside their targets:
//   (a) 100-run page, `metrics.m1 > 0.5 and params.p1 = 'v3'`, order_by metrics.m2 DESC   p95 ≤ 25 ms
//   (b) 1000-run page, no filter, default order                                          mean ≤ 60 ms
//   (c) the 50th page of 100 via page tokens                                           ≤ 2× page 1
//   (d) `tags.t1 LIKE '%ab%'`, 100-run page
//   (e) experiments/search over 5,000 experiments (default page; a name LIKE filter)
//   (f) a selective params filter (three equalities, ~0.1% of the runs), 100-run page
// beside a request that matches no run by primary key (what every answer costs at least), and prints EXPLAIN (ANALYZE, BUFFERS) of the SQL the server runs for (a).
// Besides wall-clock percentiles, each case's CPU time per request (server + its PostgreSQL
// backends; bench/search/cpu.ts), which stays comparable when the machine is busy.
//
//   npx next build          # otherwise the server builds itself first
//   npm run bench:search    # = node --import tsx bench/search/run.ts
//
// PostgreSQL: postgres://postgres@127.0.0.1:5432/metron_bench_search (METRON_BENCH_SEARCH_DATABASE_URL),
// dropped and recreated on every run. On a shared machine compare figures within one run.
import { spawnSync } from "node:child_process";
import os from "node:os";
import postgres from "postgres";
import { POSTGRES_SESSION } from "../../server/db/postgres-session";
import { recreateDatabase } from "../../server/testing/test-server";
import { cpuMeter } from "./cpu";
import { explainRunSearch } from "./explain";
import { printTable, stats, timedPost, timeInterleaved, type Timing } from "./measure";
import { EXPERIMENTS, seedExperiments, seedRuns } from "./seed";
import { callMlflow, startServer, type BenchServer } from "./server";

const DATABASE_URL = process.env.METRON_BENCH_SEARCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_search";
const FILTER_A = "metrics.m1 > 0.5 and params.p1 = 'v3'";
const ORDER_A = ["metrics.m2 DESC"];
const FILTER_D = "tags.t1 LIKE '%ab%'";
const FILTER_E = "name LIKE 'bench-nlp-0%'";
// Three values that each select ~10%: ~0.1% together (~100 runs), so walking runs in order
// would visit them all; what params_key_value_idx is for.
const FILTER_F = "params.p1 = 'v3' and params.p2 = 'v5' and params.p3 = 'v7'";

/* eslint-disable @typescript-eslint/no-explicit-any */
const runCount = (body: any) => body.runs?.length ?? 0;
const experimentCount = (body: any) => body.experiments?.length ?? 0;

async function main(): Promise<void> {
  console.log(`Metron search benchmark — ${os.cpus().length} CPUs, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
  await recreateDatabase(DATABASE_URL);
  const server = await startServer(DATABASE_URL);
  // The server's session settings, so that the EXPLAIN below plans as the server does.
  const sql = postgres(DATABASE_URL, { max: 4, onnotice: () => {}, connection: { ...POSTGRES_SESSION } });
  try {
    const { experiment_id } = await callMlflow(server.baseUrl, "experiments/create", { name: "search-bench" });
    const experimentId = Number(experiment_id);
    let started = performance.now();
    const counts = await seedRuns(sql, experimentId);
    await seedExperiments(sql);
    const seeded = performance.now() - started;
    started = performance.now();
    // What autovacuum does after a bulk load: statistics, and a visibility map for index-only scans.
    await sql`vacuum analyze`;
    // Then let the load's writes reach the disk before timing: otherwise the ~500 MB of WAL the
    // seeding wrote starts a checkpoint spread over the next minutes (checkpoint_completion_target),
    // and its writes and fsyncs land in the middle of the measured requests.
    await sql`checkpoint`;
    spawnSync("sync");
    console.log(
      `Seeded by COPY in ${(seeded / 1000).toFixed(1)} s (vacuum analyze + checkpoint ${((performance.now() - started) / 1000).toFixed(1)} s): ` +
        `${Object.entries(counts).map(([t, n]) => `${n.toLocaleString("en")} ${t}`).join(", ")}, ${EXPERIMENTS.toLocaleString("en")} experiments`,
    );
    await printSizes(sql);
    await benchmark(server, sql, experimentId);
  } finally {
    await sql.end();
    await server.stop();
  }
}

async function printSizes(sql: postgres.Sql): Promise<void> {
  const rows = await sql`
    select c.relname as name, pg_size_pretty(pg_relation_size(c.oid)) as size
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relkind in ('r', 'i') and pg_relation_size(c.oid) > 1048576
    order by pg_relation_size(c.oid) desc`;
  console.log(`Relations > 1 MB: ${rows.map((r) => `${r.name} ${r.size}`).join(", ")}\n`);
}

async function benchmark(server: BenchServer, sql: postgres.Sql, experimentId: number): Promise<void> {
  const runsUrl = `${server.baseUrl}/api/2.0/mlflow/runs/search`;
  const experimentsUrl = `${server.baseUrl}/api/2.0/mlflow/experiments/search`;
  const ids = [String(experimentId)];
  const bodyA = { experiment_ids: ids, filter: FILTER_A, order_by: ORDER_A, max_results: 100 };
  await checkCaseA(runsUrl, bodyA);

  // (c): walk 49 pages once for the token of page 50.
  const page1 = { experiment_ids: ids, max_results: 100 };
  let token: string | undefined;
  for (let page = 1; page < 50; page++) {
    token = (await timedPost(runsUrl, { ...page1, page_token: token })).body.next_page_token;
    if (!token) throw new Error(`no token after page ${page}`);
  }
  const page50 = { ...page1, page_token: token };

  const meter = cpuMeter(server.pid, DATABASE_URL);
  const [floor, a, d, f] = await timeInterleaved([
    // No run matches: the HTTP + handler + one-query cost every answer pays.
    { label: "runs/search matching no run (per-request floor)", url: runsUrl, body: { experiment_ids: ids, filter: "attributes.run_id = 'none'", max_results: 100 }, count: runCount },
    { label: `100 runs, ${FILTER_A}, ${ORDER_A[0]}`, url: runsUrl, body: bodyA, count: runCount },
    { label: `100 runs, ${FILTER_D}`, url: runsUrl, body: { experiment_ids: ids, filter: FILTER_D, max_results: 100 }, count: runCount },
    { label: `100 runs, ${FILTER_F}`, url: runsUrl, body: { experiment_ids: ids, filter: FILTER_F, max_results: 100 }, count: runCount },
  ], meter);
  const [b] = await timeInterleaved([{ label: "1000 runs, no filter, default order", url: runsUrl, body: { experiment_ids: ids }, count: runCount }], meter);
  const [c1, c50] = await timeInterleaved([
    { label: "page 1 of 100, default order", url: runsUrl, body: page1, count: runCount },
    { label: "page 50 of 100 via page tokens", url: runsUrl, body: page50, count: runCount },
  ], meter);
  const [e1, e2] = await timeInterleaved([
    { label: "experiments, default page (1000)", url: experimentsUrl, body: {}, count: experimentCount },
    { label: `experiments, ${FILTER_E}`, url: experimentsUrl, body: { filter: FILTER_E }, count: experimentCount },
  ], meter);

  const within = (t: Timing, key: "p50" | "p95" | "mean", limit: number) => (stats(t.samples)[key] <= limit ? "MET" : "MISSED");
  const ratio = stats(c50.samples).p50 / stats(c1.samples).p50;
  console.log("");
  printTable([
    { id: "(-)", timing: floor, target: "", verdict: "" },
    { id: "(a)", timing: a, target: "p95 ≤ 25 ms", verdict: within(a, "p95", 25) },
    { id: "(b)", timing: b, target: "mean ≤ 60 ms", verdict: within(b, "mean", 60) },
    { id: "(c)", timing: c1, target: "", verdict: "" },
    { id: "(c)", timing: c50, target: `≤ 2× page 1: p50 ratio ${ratio.toFixed(2)}×`, verdict: ratio <= 2 ? "MET" : "MISSED" },
    { id: "(d)", timing: d, target: "(no target)", verdict: "" },
    { id: "(e)", timing: e1, target: "(no target)", verdict: "" },
    { id: "(e)", timing: e2, target: "(no target)", verdict: "" },
    { id: "(f)", timing: f, target: "(no target)", verdict: "" },
  ], meter);
  console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);

  const explained = await explainRunSearch(sql, { experimentIds: [experimentId], filter: FILTER_A, orderBy: ORDER_A, limit: 100 });
  console.log(`\nSQL of (a), as compiled by the server's modules:\n${explained.text}\nparams: ${JSON.stringify(explained.params)}`);
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS):\n${explained.plan}`);
}

/** (a) must answer what it asks for, or its timing means nothing. */
async function checkCaseA(url: string, body: unknown): Promise<void> {
  const { runs } = (await timedPost(url, body)).body;
  const value = (run: any, kind: "metrics" | "params", key: string) => run.data[kind].find((x: any) => x.key === key)?.value;
  const m2 = runs.map((r: any) => value(r, "metrics", "m2"));
  const valid =
    runs.length === 100 &&
    runs.every((r: any) => value(r, "metrics", "m1") > 0.5 && value(r, "params", "p1") === "v3") &&
    m2.every((v: number, i: number) => i === 0 || m2[i - 1] >= v);
  if (!valid) throw new Error("case (a) answered runs that do not match its filter or order");
}

await main();
