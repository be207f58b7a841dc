import os from "node:os";
import type { Sql } from "postgres";
import { cpuMeter } from "../ingest/ingest";
import { readCpuSeconds } from "../ingest/server-process";
import { callMlflow, type BenchServer } from "../search/server";
import { T0 } from "./seed";

// Per-step logging as training scripts do it: the official client's mlflow.log_metric is one HTTP
// request per point, and a loop logs loss, accuracy and lr each step. Each client owns a run and
// sends its requests one after another for SECONDS; 1, 4 and 32 clients. Beside requests/s (which the
// machine's other load moves a lot), the CPU each request cost the server and PostgreSQL (in-process for
// PGlite, so "server" then includes the database).

const SECONDS = Number(process.env.SCALE_LOGGING_SECONDS ?? 5);
const KEYS = ["loss", "accuracy", "lr"];
/** MLflow 2.14 on this machine (issue 18's note): 4 clients × 10-point log-batch. */
const MLFLOW_REFERENCE_POINTS_PER_SECOND = 2_200;

async function post(url: string, body: string): Promise<void> {
  const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}: ${text.slice(0, 300)}`);
}

/** Requests/s of `clients` clients, each sending `body(run, i)` in a loop for SECONDS, and CPU ms per request. */
async function drive(server: BenchServer, sql: Sql | undefined, experimentId: string, clients: number, endpoint: string, body: (runId: string, i: number) => string) {
  const runIds: string[] = [];
  for (let c = 0; c < clients; c++) {
    const { run } = await callMlflow(server.baseUrl, "runs/create", { experiment_id: experimentId, run_name: `step-${endpoint}-${clients}-${c}`, start_time: T0 });
    runIds.push(run.info.run_id);
  }
  const url = `${server.baseUrl}/api/2.0/mlflow/${endpoint}`;
  const meter = sql ? await cpuMeter(sql, server.pid) : undefined;
  const serverCpuBefore = readCpuSeconds(server.pid);
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
  const requests = counts.reduce((a, b) => a + b, 0);
  const cpu = meter ? await meter.read() : { serverCpu: readCpuSeconds(server.pid) - serverCpuBefore, postgresCpu: 0 };
  return { perSecond: requests / seconds, cpuMs: (1000 * (cpu.serverCpu! + cpu.postgresCpu)) / requests };
}

export async function runPerStepLogging(server: BenchServer, experimentId: string, sql?: Sql): Promise<void> {
  const single = (runId: string, i: number) =>
    JSON.stringify({ run_id: runId, key: KEYS[i % 3], value: 1 / (i + 1), timestamp: T0 + i, step: Math.floor(i / 3) });
  const batch = (runId: string, i: number) =>
    JSON.stringify({
      run_id: runId,
      metrics: Array.from({ length: 10 }, (_, j) => ({ key: KEYS[j % 3], value: 1 / (i * 10 + j + 1), timestamp: T0 + i * 10 + j, step: i * 4 + Math.floor(j / 3) })),
    });
  console.log(`\nPer-step logging, ${SECONDS} s per case; load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
  console.log(`${"clients".padStart(7)} ${"log-metric req/s".padStart(17)} ${"CPU ms/req".padStart(11)} ${"log-batch(10) req/s".padStart(20)} ${"CPU ms/req".padStart(11)} ${"log-batch points/s".padStart(19)}`);
  for (const clients of [1, 4, 32]) {
    const singles = await drive(server, sql, experimentId, clients, "runs/log-metric", single);
    const batches = await drive(server, sql, experimentId, clients, "runs/log-batch", batch);
    console.log(
      `${String(clients).padStart(7)} ${singles.perSecond.toFixed(0).padStart(17)} ${singles.cpuMs.toFixed(2).padStart(11)} ${batches.perSecond.toFixed(0).padStart(20)} ${batches.cpuMs.toFixed(2).padStart(11)} ${(batches.perSecond * 10).toFixed(0).padStart(19)}`,
    );
  }
  console.log(`(CPU: the server's${sql ? " and this database's PostgreSQL backends'" : " (PGlite in it)"}, per request; MLflow 2.14 reference: ${MLFLOW_REFERENCE_POINTS_PER_SECOND.toLocaleString("en")} points/s for 4 clients × 10-point log-batch)`);
}
