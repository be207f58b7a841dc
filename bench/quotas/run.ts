// What quotas cost on the write path: two servers on one PostgreSQL database, one with every
// METRON_QUOTA_* set (high enough never to refuse) and one with none, take turns: ROUNDS × (on, off),
// each turn CLIENTS keep-alive clients sending for ROUND_SECONDS log-batch requests of POINTS metric points plus one
// new param and one new tag (so the params and tags counts run too), then the same with single-point
// log-metric requests (the per-step hot path). Prints throughput and server CPU per request, and on/off.
//
//   npx next build && npm run build:rest      # assumed done
//   npm run bench:quotas
//
// PostgreSQL: METRON_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/metron_bench_quotas
// (dropped and recreated). BENCH_ROUNDS (8), BENCH_ROUND_SECONDS (2). Compare the columns of one run, not runs.
import { callMlflow } from "../ingest/ingest";
import type { BenchServer } from "../ingest/server-process";
import { comparisonLine, loadAverage, startServerPair, timedRound, type Round } from "../server-pair";

const DATABASE_URL = process.env.METRON_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_quotas";
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 8);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 2);
const CLIENTS = 4;
const POINTS = 100;
const HIGH = "1000000000";

type Mode = "on" | "off";
type Workload = "log-batch" | "log-metric";

async function main(): Promise<void> {
  const quotas = {
    METRON_QUOTA_MAX_RUNS_PER_EXPERIMENT: HIGH,
    METRON_QUOTA_MAX_PARAMS_PER_RUN: HIGH,
    METRON_QUOTA_MAX_TAGS_PER_RUN: HIGH,
    METRON_QUOTA_MAX_METRIC_STEPS_PER_RUN: HIGH,
    METRON_QUOTA_MAX_ARTIFACT_BYTES_PER_EXPERIMENT: HIGH,
  };
  const pair = await startServerPair<Mode>(DATABASE_URL, { on: quotas, off: {} });
  try {
    console.log(`Quota cost — load average ${loadAverage()}`);
    for (const workload of ["log-batch", "log-metric"] as const) {
      console.log(`\n${workload}: ${ROUNDS} rounds × (on, off) turns of ${ROUND_SECONDS} s, ${CLIENTS} clients${workload === "log-batch" ? `; ${POINTS} points + 1 param + 1 tag a request` : ""}`);
      const results: Record<Mode, Round[]> = { on: [], off: [] };
      for (let round = 1; round <= ROUNDS; round++) {
        const order: Mode[] = round % 2 ? ["on", "off"] : ["off", "on"];
        for (const mode of order) {
          const result = await write(pair.servers[mode], workload, `${workload}-${mode}-${round}`);
          results[mode].push(result);
          console.log(`round ${round} ${mode.padEnd(3)}  ${Math.round(result.perSecond)} requests/s   ${result.cpuMsPerRequest.toFixed(2)} ms server CPU per request`);
        }
      }
      console.log(comparisonLine(workload, { label: "on", rounds: results.on }, { label: "off", rounds: results.off }));
    }
    console.log(`\nload average at the end: ${loadAverage()}`);
  } finally {
    await pair.stop();
  }
}

async function write(server: BenchServer, workload: Workload, label: string): Promise<Round> {
  const { experiment_id: experimentId } = await callMlflow(server.baseUrl, "experiments/create", { name: `quotas-${label}` });
  const runIds: string[] = [];
  for (let c = 0; c < CLIENTS; c++) runIds.push((await callMlflow(server.baseUrl, "runs/create", { experiment_id: experimentId })).run.info.run_id);
  return timedRound(server, CLIENTS, ROUND_SECONDS, (c, i) => {
    if (workload === "log-metric") return callMlflow(server.baseUrl, "runs/log-metric", { run_id: runIds[c], key: "loss", value: 1 / (i + 1), timestamp: Date.now(), step: i });
    const metrics = Array.from({ length: POINTS }, (_, p) => ({ key: p % 2 ? "lr" : "loss", value: p, timestamp: Date.now(), step: i * POINTS + p }));
    return callMlflow(server.baseUrl, "runs/log-batch", { run_id: runIds[c], metrics, params: [{ key: `p${i}`, value: "v" }], tags: [{ key: `t${i}`, value: "v" }] });
  });
}

await main();
