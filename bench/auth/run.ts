// What authentication and the permission gate cost: ingest (runs/log-batch, 100 metrics a request) and
// runs/search (100 runs a page), each on two servers over one PostgreSQL database — METRON_AUTH=true with a
// non-admin user's API token (token lookup + one grant query per request: the user's own path), and auth
// off — taking turns: ROUNDS × (on, off). Prints server CPU per 1000 requests, throughput, and on/off ratios;
// then the gate's own CPU per request measured in process (gate-cost.ts), steadier on a shared machine.
//
//   npx next build && npm run build:rest      # assumed done (the servers refuse a stale build)
//   npm run bench:auth
//
// PostgreSQL: METRON_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/metron_bench_auth
// (dropped and recreated). On a shared machine compare the two columns of one run, not runs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { newSecret, secretHash } from "../../server/auth/secrets";
import { openDatabase } from "../../server/db/client";
import { apiTokens } from "../../server/db/schema";
import { insertUser } from "../../server/repositories/users-repository";
import { dropDatabase, recreateDatabase } from "../../server/testing/test-server";
import { readCpuSeconds, startBenchServer, type BenchServer } from "../ingest/server-process";
import { measureGateCost } from "./gate-cost";

const DATABASE_URL = process.env.METRON_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_auth";
const ROUNDS = 3;
const CLIENTS = 4;
const BATCHES = Number(process.env.BENCH_BATCHES ?? 250);
const SEARCHES = Number(process.env.BENCH_SEARCHES ?? 100);
const SEARCH_RUNS = 1000;

type Mode = "on" | "off";
interface Round {
  cpuPerThousand: number;
  perSecond: number;
}

async function main(): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "metron-bench-auth-"));
  await recreateDatabase(DATABASE_URL);
  const token = await seedBenchUser();
  const common = { DATABASE_URL, METRON_ARTIFACTS_DIR: path.join(scratch, "artifacts"), METRON_LOG_LEVEL: "warn", METRON_ACCESS_LOG: "false" };
  const servers: Record<Mode, BenchServer> = {
    on: await startBenchServer({ ...common, METRON_AUTH: "true", METRON_ADMIN_USERNAME: "admin", METRON_ADMIN_PASSWORD: "bench-admin", METRON_AUTH_DEFAULT_PERMISSION: "NO_PERMISSIONS" }),
    off: await startBenchServer(common),
  };
  const headers: Record<Mode, Record<string, string>> = { on: { authorization: `Bearer ${token}` }, off: {} };
  try {
    console.log(`Auth cost — ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    console.log(`${ROUNDS} rounds × (on, off): ${CLIENTS} clients × ${BATCHES} log-batch requests (100 metrics); ${CLIENTS} clients × ${SEARCHES} runs/search pages of 100 over ${SEARCH_RUNS} runs\n`);
    const searchExperiments: Record<Mode, string> = { on: await seedSearchExperiment(servers.on, headers.on), off: await seedSearchExperiment(servers.off, headers.off) };
    const results: Record<string, Record<Mode, Round[]>> = { ingest: { on: [], off: [] }, search: { on: [], off: [] } };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const mode of ["on", "off"] as const) {
        const ingest = await logBatches(servers[mode], headers[mode], `${mode}-${round}`);
        const search = await searchRuns(servers[mode], headers[mode], searchExperiments[mode]);
        results.ingest[mode].push(ingest);
        results.search[mode].push(search);
        console.log(`round ${round} ${mode.padEnd(3)}  log-batch ${ingest.cpuPerThousand.toFixed(2)} CPU s/1000, ${Math.round(ingest.perSecond)}/s   runs/search ${search.cpuPerThousand.toFixed(2)} CPU s/1000, ${Math.round(search.perSecond)}/s`);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    for (const [name, r] of Object.entries(results)) {
      const cpu = (m: Mode) => median(r[m].map((x) => x.cpuPerThousand));
      const rate = (m: Mode) => median(r[m].map((x) => x.perSecond));
      console.log(
        `\n${name}: median server CPU per 1000 requests on ${cpu("on").toFixed(3)} s, off ${cpu("off").toFixed(3)} s → on/off ${(cpu("on") / cpu("off")).toFixed(3)}; ` +
          `throughput on ${Math.round(rate("on"))}/s, off ${Math.round(rate("off"))}/s → on/off ${(rate("on") / rate("off")).toFixed(3)}`,
      );
    }
    const gate = await measureGateCost(`${DATABASE_URL}_gate`);
    const offIngestMs = median(results.ingest.off.map((x) => x.cpuPerThousand));
    console.log(
      `\nin process (steadier): authenticate (token) ${gate.authenticateUs.toFixed(0)} µs CPU, authorize (one prepared grant query) ${gate.authorizeUs.toFixed(0)} µs CPU per request` +
        ` = ${((gate.authorizeUs / 1000 / offIngestMs) * 100).toFixed(1)} % and ${(((gate.authenticateUs + gate.authorizeUs) / 1000 / offIngestMs) * 100).toFixed(1)} % (with authenticate) of the off server's ${offIngestMs.toFixed(2)} ms CPU per log-batch`,
    );
    console.log(`\nload average at the end ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  } finally {
    await Promise.all([servers.on.stop(), servers.off.stop()]);
    await dropDatabase(DATABASE_URL);
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** A non-admin user with an API token, written before the servers start; they create (and so manage) the experiments. */
async function seedBenchUser(): Promise<string> {
  const handle = await openDatabase({ databaseUrl: DATABASE_URL, dataDir: "", searchTimeoutMs: 60_000 });
  try {
    const user = await insertUser(handle.db, { username: "bench", passwordHash: "unused", isAdmin: false, creationTime: Date.now() });
    const token = newSecret("mtk");
    await handle.db.insert(apiTokens).values({ userId: user!.id, name: "bench", secretHash: secretHash(token), displayPrefix: token.slice(0, 8), creationTime: Date.now() });
    return token;
  } finally {
    await handle.close();
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(server: BenchServer, headers: Record<string, string>, endpoint: string, body: unknown): Promise<any> {
  const res = await fetch(`${server.baseUrl}/api/2.0/mlflow/${endpoint}`, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${endpoint} answered ${res.status}: ${text}`);
  return JSON.parse(text);
}

async function logBatches(server: BenchServer, headers: Record<string, string>, label: string): Promise<Round> {
  const { experiment_id } = await call(server, headers, "experiments/create", { name: `auth-ingest-${label}` });
  const runIds: string[] = [];
  for (let c = 0; c < CLIENTS; c++) runIds.push((await call(server, headers, "runs/create", { experiment_id })).run.info.run_id);
  return measure(server, CLIENTS * BATCHES, () =>
    Promise.all(
      runIds.map(async (run_id) => {
        for (let b = 0; b < BATCHES; b++) {
          const metrics = Array.from({ length: 100 }, (_, i) => ({ key: `m${i % 10}`, value: Math.random(), timestamp: Date.now(), step: b * 10 + Math.floor(i / 10) }));
          await call(server, headers, "runs/log-batch", { run_id, metrics });
        }
      }),
    ),
  );
}

async function seedSearchExperiment(server: BenchServer, headers: Record<string, string>): Promise<string> {
  const { experiment_id } = await call(server, headers, "experiments/create", { name: `auth-search-${server.pid}` });
  for (let i = 0; i < SEARCH_RUNS; i++) {
    const { run } = await call(server, headers, "runs/create", { experiment_id, start_time: i });
    await call(server, headers, "runs/log-batch", { run_id: run.info.run_id, metrics: [{ key: "loss", value: i, timestamp: i, step: 0 }], params: [{ key: "lr", value: String(i % 7) }] });
  }
  return experiment_id;
}

async function searchRuns(server: BenchServer, headers: Record<string, string>, experimentId: string): Promise<Round> {
  return measure(server, CLIENTS * SEARCHES, () =>
    Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let s = 0; s < SEARCHES; s++) await call(server, headers, "runs/search", { experiment_ids: [experimentId], max_results: 100, filter: `params.lr = '${s % 7}'` });
      }),
    ),
  );
}

async function measure(server: BenchServer, requests: number, work: () => Promise<unknown>): Promise<Round> {
  const cpuBefore = readCpuSeconds(server.pid);
  const started = performance.now();
  await work();
  const seconds = (performance.now() - started) / 1000;
  return { cpuPerThousand: ((readCpuSeconds(server.pid) - cpuBefore) / requests) * 1000, perSecond: requests / seconds };
}

await main();
