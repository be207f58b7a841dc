// A search's latency served by a streaming-replication standby vs by the primary: two servers over one
// temporary primary (temp-cluster.ts), one with METRON_READ_DATABASE_URL set to its standby, measured in
// alternating batches; the standby's scans of `runs` during each server's batches show which one it served.
//
//   npm run build && node --import tsx bench/replica/search.ts
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { makeClusterRoot, removeClusterRoot, startPrimaryCluster, startStandbyCluster, type TempCluster } from "../../server/testing/temp-cluster";
import { startTestServer, type TestServer } from "../../server/testing/test-server";
import { loadAverage, median } from "../server-pair";

const RUNS = 500;
const BATCHES = 6;
const SEARCHES_PER_BATCH = 50;

async function post(server: TestServer, endpoint: string, body: unknown, agent = "bench-writer"): Promise<any> {
  const res = await fetch(`${server.baseUrl}/api/2.0/mlflow/${endpoint}`, { method: "POST", headers: { "content-type": "application/json", "user-agent": agent }, body: JSON.stringify(body) });
  if (res.status !== 200) throw new Error(`${endpoint} answered ${res.status}: ${await res.text()}`);
  return res.json();
}

async function seed(server: TestServer): Promise<string> {
  const { experiment_id: experimentId } = await post(server, "experiments/create", { name: "search-bench" });
  for (let i = 0; i < RUNS; i++) {
    const runId = (await post(server, "runs/create", { experiment_id: experimentId })).run.info.run_id;
    const metrics = Array.from({ length: 20 }, (_, step) => ({ key: "loss", value: 1 / (step + 1 + i), timestamp: Date.now(), step }));
    await post(server, "runs/log-batch", { run_id: runId, metrics, params: [{ key: "lr", value: String(i % 7) }], tags: [{ key: "group", value: `g${i % 5}` }] });
  }
  return experimentId;
}

async function searchTimes(server: TestServer, experimentId: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < SEARCHES_PER_BATCH; i++) {
    const started = performance.now();
    await post(server, "runs/search", { experiment_ids: [experimentId], filter: "params.lr = '3' and metrics.loss < 0.5", order_by: ["metrics.loss ASC"], max_results: 100 }, "bench-reader");
    times.push(performance.now() - started);
  }
  return times;
}

async function main(): Promise<void> {
  const root = makeClusterRoot();
  const artifacts = fs.mkdtempSync(path.join(os.tmpdir(), "metron-bench-replica-search-"));
  const servers: TestServer[] = [];
  const clusters: TempCluster[] = [];
  try {
    const primary = await startPrimaryCluster(root);
    clusters.push(primary);
    const admin = postgres(primary.url(), { max: 1, onnotice: () => {} });
    await admin`create database metron`;
    await admin.end();
    const standby = await startStandbyCluster(root, primary);
    clusters.unshift(standby);
    const common = { METRON_ARTIFACTS_DIR: artifacts, METRON_ACCESS_LOG: "false" };
    const viaPrimary = await startTestServer("postgres", { databaseUrl: primary.url("metron"), keepDatabase: true, env: common });
    servers.push(viaPrimary);
    const viaReplica = await startTestServer("postgres", { databaseUrl: primary.url("metron"), keepDatabase: true, env: { ...common, METRON_READ_DATABASE_URL: standby.url("metron") } });
    servers.push(viaReplica);
    const experimentId = await seed(viaPrimary);
    await new Promise((r) => setTimeout(r, 1_000)); // the standby replays the seed
    console.log(`runs/search over ${RUNS} runs, ${BATCHES} alternating batches of ${SEARCHES_PER_BATCH}, load average ${loadAverage()}`);
    const onStandby = postgres(standby.url("metron"), { max: 1, onnotice: () => {} });
    const scans = async () => Number((await onStandby`select coalesce(sum(seq_scan + coalesce(idx_scan, 0)), 0)::bigint as n from pg_stat_user_tables where relname = 'runs'`)[0].n);
    const byServer = { primary: { times: [] as number[], standbyScans: 0 }, replica: { times: [] as number[], standbyScans: 0 } };
    const measure = async (into: { times: number[]; standbyScans: number }, server: TestServer) => {
      const before = await scans();
      into.times.push(...(await searchTimes(server, experimentId)));
      into.standbyScans += (await scans()) - before;
    };
    for (let batch = 0; batch < BATCHES; batch++) {
      await measure(byServer.primary, viaPrimary);
      await measure(byServer.replica, viaReplica);
    }
    await onStandby.end();
    const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];
    for (const [label, { times, standbyScans }] of Object.entries(byServer)) {
      console.log(`  ${label}: p50 ${median(times).toFixed(1)} ms, p95 ${p(times, 0.95).toFixed(1)} ms (${times.length} searches; scans of runs on the standby meanwhile: ${standbyScans})`);
    }
    console.log(`  load average at the end ${loadAverage()}`);
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    for (const cluster of clusters) await cluster.stop().catch(() => {});
    removeClusterRoot(root);
    fs.rmSync(artifacts, { recursive: true, force: true });
  }
}

await main();
