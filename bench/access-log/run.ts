// What the access log costs on the hottest path: per-step logging, one log-metric request per
// point (as MLflow's `mlflow.log_metric` in a training loop sends them). Two servers on one
// PostgreSQL database, one with the access log on and one with it off (both at log level info),
// take turns: ROUNDS × (on, off), each round CLIENTS keep-alive clients × REQUESTS requests into
// runs of experiments that all log `loss` and `lr`. Prints the server CPU per 1000 requests and the
// throughput of each, and the on/off ratios; then the hook's own cost in process (hook-cost.mjs),
// which the loaded machines we share can measure far more steadily than the difference of two servers.
//
//   npx next build && npm run build:rest      # assumed done (the servers refuse a stale build)
//   npm run bench:access-log
//
// PostgreSQL: METRON_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/metron_bench_access_log
// (dropped and recreated). On a shared machine compare the two columns of one run, not runs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dropDatabase, recreateDatabase } from "../../server/testing/test-server";
import { callMlflow } from "../ingest/ingest";
import { readCpuSeconds, startBenchServer, type BenchServer } from "../ingest/server-process";

const DATABASE_URL = process.env.METRON_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_access_log";
const ROUNDS = 3;
const CLIENTS = 4;
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 750);

interface Round {
  cpuPerThousand: number;
  perSecond: number;
}

async function main(): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "metron-bench-access-log-"));
  await recreateDatabase(DATABASE_URL);
  const common = { DATABASE_URL, METRON_ARTIFACTS_DIR: path.join(scratch, "artifacts"), METRON_LOG_LEVEL: "info" };
  const on = await startBenchServer({ ...common, METRON_ACCESS_LOG: "true" });
  const off = await startBenchServer({ ...common, METRON_ACCESS_LOG: "false" });
  try {
    console.log(`Access log cost — ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}`);
    console.log(`${ROUNDS} rounds × (on, off) × ${CLIENTS} clients × ${REQUESTS} log-metric requests\n`);
    const results: Record<"on" | "off", Round[]> = { on: [], off: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [label, server] of [["on", on], ["off", off]] as const) {
        const result = await logMetrics(server, `${label}-${round}`);
        results[label].push(result);
        console.log(`round ${round} ${label.padEnd(3)}  ${result.cpuPerThousand.toFixed(3)} CPU s / 1000 requests   ${Math.round(result.perSecond)} requests/s`);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const cpu = (l: "on" | "off") => median(results[l].map((r) => r.cpuPerThousand));
    const rate = (l: "on" | "off") => median(results[l].map((r) => r.perSecond));
    console.log(`\nmedian server CPU per 1000 requests: on ${cpu("on").toFixed(3)} s, off ${cpu("off").toFixed(3)} s → on/off ${(cpu("on") / cpu("off")).toFixed(3)}`);
    console.log(`median throughput: on ${Math.round(rate("on"))}/s, off ${Math.round(rate("off"))}/s → on/off ${(rate("on") / rate("off")).toFixed(3)}`);
    const lines = on.output().split("\n").filter((l) => l.includes('"msg":"request"')).length;
    console.log(`access log lines written by the "on" server: ${lines}`);
    const hook = spawnSync(process.execPath, [path.join(import.meta.dirname, "hook-cost.mjs")], {
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, METRON_LOG_LEVEL: "info", METRON_ACCESS_LOG: "true" },
    });
    if (hook.status !== 0) throw new Error("hook-cost.mjs failed");
    console.log(`(against the off server's ${(cpu("off") * 1000).toFixed(0)} µs CPU per log-metric request)`);
  } finally {
    await Promise.all([on.stop(), off.stop()]);
    await dropDatabase(DATABASE_URL);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** CLIENTS concurrent training loops, each logging `loss` and `lr` one point per request. */
async function logMetrics(server: BenchServer, label: string): Promise<Round> {
  const { experiment_id: experimentId } = await callMlflow(server.baseUrl, "experiments/create", { name: `access-log-${label}` });
  const runIds: string[] = [];
  for (let c = 0; c < CLIENTS; c++) runIds.push((await callMlflow(server.baseUrl, "runs/create", { experiment_id: experimentId })).run.info.run_id);
  const cpuBefore = readCpuSeconds(server.pid);
  const started = performance.now();
  await Promise.all(
    runIds.map(async (runId) => {
      for (let step = 0; step < REQUESTS; step++) {
        const key = step % 2 ? "lr" : "loss";
        await callMlflow(server.baseUrl, "runs/log-metric", { run_id: runId, key, value: 1 / (step + 1), timestamp: Date.now(), step });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const requests = CLIENTS * REQUESTS;
  return { cpuPerThousand: ((readCpuSeconds(server.pid) - cpuBefore) / requests) * 1000, perSecond: requests / seconds };
}

await main();
