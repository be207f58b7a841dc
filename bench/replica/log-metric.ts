// log-metric throughput with no read replica set: the write path must cost what it did before the
// read-replica routing. With METRON_BENCH_BASELINE_ROOT (another built copy of the project, e.g. main's)
// the two servers run on one database and are measured in alternating rounds (a shared machine drifts).
//
//   npm run build && node --import tsx bench/replica/log-metric.ts
//   METRON_BENCH_BASELINE_ROOT=/tmp/main-copy node --import tsx bench/replica/log-metric.ts
//
// Database: METRON_BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/metron_bench_replica),
// recreated and dropped. 8 keep-alive clients, rounds of 8 s (METRON_BENCH_ROUNDS of them, default 5).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dropDatabase, recreateDatabase, spawnMetronServer } from "../../server/testing/test-server";
import type { BenchServer } from "../ingest/server-process";
import { comparisonLine, loadAverage, median, timedRound, type Round } from "../server-pair";

const DATABASE_URL = process.env.METRON_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_replica";
const BASELINE_ROOT = process.env.METRON_BENCH_BASELINE_ROOT;
const CLIENTS = 8;
const ROUNDS = Number(process.env.METRON_BENCH_ROUNDS ?? 5);
const SECONDS = 8;

async function post(baseUrl: string, endpoint: string, body: unknown): Promise<any> {
  const res = await fetch(`${baseUrl}/api/2.0/mlflow/${endpoint}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`${endpoint} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

type Server = Pick<BenchServer, "baseUrl" | "pid" | "stop"> & { label: string; runIds: string[] };

async function startServer(label: string, root: string | undefined, artifactsDir: string): Promise<Server> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL, METRON_ARTIFACTS_DIR: artifactsDir, METRON_LOG_LEVEL: "warn", METRON_ACCESS_LOG: "false", METRON_SKIP_BUILD_CHECK: "1" };
  delete env.NODE_OPTIONS;
  delete env.METRON_READ_DATABASE_URL;
  const { child, baseUrl } = await spawnMetronServer(env, ["--port", "0"], 120_000, root);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  for (let tries = 0; ; tries++) {
    const res = await fetch(`${baseUrl}/health`).catch(() => undefined);
    if (res?.ok) break;
    if (tries > 600) throw new Error(`${label} server never became healthy`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const runIds: string[] = [];
  for (let c = 0; c < CLIENTS; c++) runIds.push((await post(baseUrl, "runs/create", { experiment_id: "0" })).run.info.run_id);
  return { label, baseUrl, pid: child.pid!, stop, runIds };
}

async function round(server: Server, n: number): Promise<Round> {
  return timedRound(server as unknown as BenchServer, CLIENTS, SECONDS, (client, i) =>
    post(server.baseUrl, "runs/log-metric", { run_id: server.runIds[client], key: "loss", value: i * 0.5, timestamp: Date.now(), step: n * 1_000_000 + i }),
  );
}

async function main(): Promise<void> {
  console.log(`log-metric throughput, ${CLIENTS} clients, ${ROUNDS} rounds of ${SECONDS} s, ${os.cpus().length} CPUs, load average ${loadAverage()}`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "metron-bench-replica-"));
  await recreateDatabase(DATABASE_URL);
  const servers: Server[] = [];
  try {
    if (BASELINE_ROOT) servers.push(await startServer("baseline", BASELINE_ROOT, path.join(scratch, "a")));
    servers.push(await startServer("branch", undefined, path.join(scratch, "b")));
    const rounds = new Map<Server, Round[]>(servers.map((s) => [s, []]));
    for (let n = 1; n <= ROUNDS; n++) {
      for (const server of n % 2 ? servers : [...servers].reverse()) {
        const result = await round(server, n);
        rounds.get(server)!.push(result);
        console.log(`  round ${n} ${server.label}: ${Math.round(result.perSecond)} requests/s, server CPU ${result.cpuMsPerRequest.toFixed(2)} ms per request (load ${loadAverage()})`);
      }
    }
    for (const server of servers) console.log(`${server.label}: median ${Math.round(median(rounds.get(server)!.map((r) => r.perSecond)))} log-metric requests/s`);
    if (servers.length === 2) {
      const [a, b] = servers;
      console.log(comparisonLine("log-metric", { label: b.label, rounds: rounds.get(b)! }, { label: a.label, rounds: rounds.get(a)! }));
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await dropDatabase(DATABASE_URL);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
