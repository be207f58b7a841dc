// What the search indexes (drizzle/0001_search_indexes.sql) cost log-batch. Two servers on two
// fresh databases, identical except that B has those indexes dropped; requests alternate A, B, A,
// B … so that the machine's background load falls on both alike. Per workload: mean and p50 ms
// per log-batch request, and A/B.
//
//   node --import tsx bench/search/ingest-cost.ts
import postgres from "postgres";
import { recreateDatabase } from "../../server/testing/test-server";
import { stats } from "./measure";
import { callMlflow, startServer, type BenchServer } from "./server";

const BASE = process.env.METRON_BENCH_SEARCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_search";
const url = (suffix: string) => BASE.replace(/\/[^/]*$/, `/metron_bench_ingest_${suffix}`);
const SEARCH_INDEXES = ["latest_metrics_experiment_key_value_idx", "params_experiment_key_value_idx", "tags_experiment_key_value_idx"];
const REQUESTS = 60;
const WARMUP = 5;

type Body = (runId: string, round: number) => Record<string, unknown>;

const points = (keys: number, steps: number, round: number) =>
  Array.from({ length: keys * steps }, (_, i) => ({
    key: `metric_${i % keys}`,
    value: Math.random(),
    timestamp: 1_700_000_000_000 + round,
    step: round * steps + Math.floor(i / keys),
  }));

const WORKLOADS: { name: string; freshRun: boolean; body: Body }[] = [
  { name: "1000 points: 10 keys × 100 steps (10 latest_metrics rows move)", freshRun: false, body: (run_id, r) => ({ run_id, metrics: points(10, 100, r) }) },
  { name: "1000 points: 1000 keys × 1 step (1000 latest_metrics rows move)", freshRun: false, body: (run_id, r) => ({ run_id, metrics: points(1000, 1, r) }) },
  {
    name: "new run: 100 params + 100 tags",
    freshRun: true,
    body: (run_id, r) => ({
      run_id,
      params: Array.from({ length: 100 }, (_, i) => ({ key: `param_${i}`, value: `value-${i}-${r % 7}` })),
      tags: Array.from({ length: 100 }, (_, i) => ({ key: `tag_${i}`, value: `tag-value-${i}-${r % 5}` })),
    }),
  },
];

async function setUp(suffix: string, dropIndexes: boolean): Promise<{ server: BenchServer; experimentId: string }> {
  await recreateDatabase(url(suffix));
  const server = await startServer(url(suffix)); // migrates
  if (dropIndexes) {
    const sql = postgres(url(suffix), { max: 1, onnotice: () => {} });
    for (const name of SEARCH_INDEXES) await sql.unsafe(`drop index ${name}`);
    await sql.end();
  }
  const { experiment_id } = await callMlflow(server.baseUrl, "experiments/create", { name: "ingest-cost" });
  return { server, experimentId: experiment_id };
}

async function main(): Promise<void> {
  const sides = { A: await setUp("a", false), B: await setUp("b", true) };
  try {
    console.log(`log-batch cost of the search indexes: A = with, B = without; ${REQUESTS} requests each, alternating\n`);
    for (const workload of WORKLOADS) {
      const runs = { A: "", B: "" };
      const samples: Record<"A" | "B", number[]> = { A: [], B: [] };
      for (let round = 0; round < WARMUP + REQUESTS; round++) {
        for (const side of ["A", "B"] as const) {
          const { server, experimentId } = sides[side];
          if (workload.freshRun || !runs[side]) {
            runs[side] = (await callMlflow(server.baseUrl, "runs/create", { experiment_id: experimentId })).run.info.run_id;
          }
          const started = performance.now();
          await callMlflow(server.baseUrl, "runs/log-batch", workload.body(runs[side], round));
          if (round >= WARMUP) samples[side].push(performance.now() - started);
        }
      }
      const [a, b] = [stats(samples.A), stats(samples.B)];
      console.log(workload.name);
      console.log(`  A with indexes    mean ${a.mean.toFixed(1).padStart(6)} ms  p50 ${a.p50.toFixed(1).padStart(6)} ms`);
      console.log(`  B without         mean ${b.mean.toFixed(1).padStart(6)} ms  p50 ${b.p50.toFixed(1).padStart(6)} ms`);
      console.log(`  A/B               mean ${(a.mean / b.mean).toFixed(2)}×  p50 ${(a.p50 / b.p50).toFixed(2)}×\n`);
    }
  } finally {
    await sides.A.server.stop();
    await sides.B.server.stop();
  }
}

await main();
