import os from "node:os";
import { callMlflow, type BenchServer } from "../search/server";
import { T0 } from "./seed";

// Per-step logging as training scripts do it: the official client's mlflow.log_metric is one HTTP
// request per point, and a loop logs loss, accuracy and lr each step. Each client owns a run and
// sends its requests one after another for SECONDS; 1, 4 and 32 clients.

const SECONDS = Number(process.env.SCALE_LOGGING_SECONDS ?? 5);
const KEYS = ["loss", "accuracy", "lr"];
/** MLflow 2.14 on this machine (issue 18's note): 4 clients × 10-point log-batch. */
const MLFLOW_REFERENCE_POINTS_PER_SECOND = 2_200;

async function post(url: string, body: string): Promise<void> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
}

/** Requests per second of `clients` clients, each sending `body(run, i)` in a loop for SECONDS. */
async function drive(server: BenchServer, experimentId: string, clients: number, endpoint: string, body: (runId: string, i: number) => string) {
  const runIds: string[] = [];
  for (let c = 0; c < clients; c++) {
    const { run } = await callMlflow(server.baseUrl, "runs/create", { experiment_id: experimentId, run_name: `step-${endpoint}-${clients}-${c}`, start_time: T0 });
    runIds.push(run.info.run_id);
  }
  const url = `${server.baseUrl}/api/2.0/mlflow/${endpoint}`;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  const counts = await Promise.all(
    runIds.map(async (runId) => {
      let i = 0;
      while (performance.now() < deadline) await post(url, body(runId, i++));
      return i;
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return counts.reduce((a, b) => a + b, 0) / seconds;
}

export async function runPerStepLogging(server: BenchServer, experimentId: string, _databaseUrl: string): Promise<void> {
  const single = (runId: string, i: number) =>
    JSON.stringify({ run_id: runId, key: KEYS[i % 3], value: 1 / (i + 1), timestamp: T0 + i, step: Math.floor(i / 3) });
  const batch = (runId: string, i: number) =>
    JSON.stringify({
      run_id: runId,
      metrics: Array.from({ length: 10 }, (_, j) => ({ key: KEYS[j % 3], value: 1 / (i * 10 + j + 1), timestamp: T0 + i * 10 + j, step: i * 4 + Math.floor(j / 3) })),
    });
  console.log(`\nPer-step logging, ${SECONDS} s per case; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`${"clients".padStart(7)} ${"log-metric req/s".padStart(17)} ${"log-batch(10) req/s".padStart(20)} ${"log-batch points/s".padStart(19)} ${"single/batch req".padStart(17)}`);
  for (const clients of [1, 4, 32]) {
    const singles = await drive(server, experimentId, clients, "runs/log-metric", single);
    const batches = await drive(server, experimentId, clients, "runs/log-batch", batch);
    console.log(
      `${String(clients).padStart(7)} ${singles.toFixed(0).padStart(17)} ${batches.toFixed(0).padStart(20)} ${(batches * 10).toFixed(0).padStart(19)} ${(singles / batches).toFixed(2).padStart(17)}`,
    );
  }
  console.log(`(MLflow 2.14 reference: ${MLFLOW_REFERENCE_POINTS_PER_SECOND.toLocaleString("en")} points/s for 4 clients × 10-point log-batch)`);
}
