// What quotas cost on the write path: two servers on one PostgreSQL database, one with every
// METRON_QUOTA_* set (high enough never to refuse) and one with none, take turns: ROUNDS × (on, off),
// each round CLIENTS keep-alive clients × REQUESTS log-batch requests of POINTS metric points plus one
// new param and one new tag (so the params and tags counts run too), then the same with single-point
// log-metric requests (the per-step hot path). Prints throughput and server CPU per request, and on/off.
//
//   npx next build && npm run build:rest      # assumed done
//   npm run bench:quotas
//
// PostgreSQL: METRON_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/metron_bench_quotas
// (dropped and recreated). On a shared machine compare the two columns of one run, not runs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dropDatabase, recreateDatabase } from "../../server/testing/test-server";
import { callMlflow } from "../ingest/ingest";
import { readCpuSeconds, startBenchServer, type BenchServer } from "../ingest/server-process";

const DATABASE_URL = process.env.METRON_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_quotas";
const ROUNDS = 3;
const CLIENTS = 4;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 150);
const POINTS = 100;
const HIGH = "1000000000";

type Workload = "log-batch" | "log-metric";
interface Round {
  cpuMsPerRequest: number;
  perSecond: number;
}

async function main(): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "metron-bench-quotas-"));
  await recreateDatabase(DATABASE_URL);
  const common = { DATABASE_URL, METRON_ARTIFACTS_DIR: path.join(scratch, "artifacts"), METRON_LOG_LEVEL: "warn", METRON_ACCESS_LOG: "false" };
  const quotas = {
    METRON_QUOTA_MAX_RUNS_PER_EXPERIMENT: HIGH,
    METRON_QUOTA_MAX_PARAMS_PER_RUN: HIGH,
    METRON_QUOTA_MAX_TAGS_PER_RUN: HIGH,
    METRON_QUOTA_MAX_METRIC_STEPS_PER_RUN: HIGH,
    METRON_QUOTA_MAX_ARTIFACT_BYTES_PER_EXPERIMENT: HIGH,
  };
  const on = await startBenchServer({ ...common, ...quotas });
  const off = await startBenchServer(common);
  try {
    console.log(`Quota cost — ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    for (const workload of ["log-batch", "log-metric"] as const) {
      console.log(`\n${workload}: ${ROUNDS} rounds × (on, off) × ${CLIENTS} clients × ${REQUESTS} requests${workload === "log-batch" ? ` of ${POINTS} points + 1 param + 1 tag` : ""}`);
      const results: Record<"on" | "off", Round[]> = { on: [], off: [] };
      for (let round = 1; round <= ROUNDS; round++) {
        for (const [label, server] of [["on", on], ["off", off]] as const) {
          const result = await write(server, workload, `${workload}-${label}-${round}`);
          results[label].push(result);
          console.log(`round ${round} ${label.padEnd(3)}  ${Math.round(result.perSecond)} requests/s   ${result.cpuMsPerRequest.toFixed(2)} ms server CPU per request`);
        }
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const rate = (l: "on" | "off") => median(results[l].map((r) => r.perSecond));
      const cpu = (l: "on" | "off") => median(results[l].map((r) => r.cpuMsPerRequest));
      console.log(`median: on ${Math.round(rate("on"))}/s, off ${Math.round(rate("off"))}/s → throughput on/off ${(rate("on") / rate("off")).toFixed(3)}; CPU on/off ${(cpu("on") / cpu("off")).toFixed(3)}`);
    }
    console.log(`\nload average at the end: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  } finally {
    await Promise.all([on.stop(), off.stop()]);
    await dropDatabase(DATABASE_URL);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function write(server: BenchServer, workload: Workload, label: string): Promise<Round> {
  const { experiment_id: experimentId } = await callMlflow(server.baseUrl, "experiments/create", { name: `quotas-${label}` });
  const runIds: string[] = [];
  for (let c = 0; c < CLIENTS; c++) runIds.push((await callMlflow(server.baseUrl, "runs/create", { experiment_id: experimentId })).run.info.run_id);
  const cpuBefore = readCpuSeconds(server.pid);
  const started = performance.now();
  await Promise.all(
    runIds.map(async (runId) => {
      for (let i = 0; i < REQUESTS; i++) {
        if (workload === "log-metric") {
          await callMlflow(server.baseUrl, "runs/log-metric", { run_id: runId, key: "loss", value: 1 / (i + 1), timestamp: Date.now(), step: i });
          continue;
        }
        const metrics = Array.from({ length: POINTS }, (_, p) => ({ key: p % 2 ? "lr" : "loss", value: p, timestamp: Date.now(), step: i * POINTS + p }));
        await callMlflow(server.baseUrl, "runs/log-batch", { run_id: runId, metrics, params: [{ key: `p${i}`, value: "v" }], tags: [{ key: `t${i}`, value: "v" }] });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const requests = CLIENTS * REQUESTS;
  return { cpuMsPerRequest: ((readCpuSeconds(server.pid) - cpuBefore) / requests) * 1000, perSecond: requests / seconds };
}

await main();
