import net from "node:net";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import postgres, { type Sql } from "postgres";
import { readCpuSeconds, readRssMiB, sampleRss } from "./server-process";
import { copyRows, KEYS, logBatchBody, pointsOfRequest, POINTS_PER_REQUEST, STEPS_PER_REQUEST } from "./workload";

export const CLIENTS = 4;
export const REQUESTS_PER_CLIENT = 50;
export const TOTAL_POINTS = CLIENTS * REQUESTS_PER_CLIENT * POINTS_PER_REQUEST;

export interface Measurement {
  seconds: number;
  perSecond: number;
  /** CPU seconds used meanwhile by the Metron process (HTTP only) and by metron_bench's backends. */
  serverCpu?: number;
  postgresCpu: number;
  rssAfterMiB?: number;
  rssPeakMiB?: number;
}

/**
 * The benchmark's own connections. TCP_NODELAY as libpq (psql, psycopg) sets it: postgres-js
 * leaves Nagle's algorithm on, and each COPY's small CopyDone then waits for a delayed ACK
 * (~40 ms), which would make the COPY floor a measure of that timer rather than of PostgreSQL.
 */
export function openBenchSql(url: string, max: number): Sql {
  const { hostname, port } = new URL(url);
  const socket = () =>
    new Promise<net.Socket>((resolve, reject) => {
      const connection = net.connect({ host: hostname, port: Number(port || 5432), noDelay: true });
      connection.once("connect", () => resolve(connection)).once("error", reject);
    });
  const options = { max, onnotice: () => {}, socket }; // `socket` is documented but missing from the typings
  return postgres(url, options);
}

/** POSTs a JSON body to an MLflow endpoint and returns the parsed answer; anything but 200 throws. */
export async function callMlflow(baseUrl: string, endpoint: string, body?: unknown): Promise<any> {
  const init = body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
  const res = await fetch(`${baseUrl}/api/2.0/mlflow/${endpoint}`, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${endpoint} answered ${res.status}: ${text}`);
  return JSON.parse(text);
}

export async function createRuns(baseUrl: string, experimentId: string, label: string, startTime: number): Promise<string[]> {
  const runIds: string[] = [];
  for (let c = 0; c < CLIENTS; c++) {
    const { run } = await callMlflow(baseUrl, "runs/create", { experiment_id: experimentId, run_name: `${label}-${c}`, start_time: startTime });
    runIds.push(run.info.run_id);
  }
  return runIds;
}

/** Request r of client c: built before the clock starts so that the clients cost little CPU. */
function buildRequests<T>(runIds: string[], startTime: number, encode: (runId: string, points: ReturnType<typeof pointsOfRequest>) => T): T[][] {
  return runIds.map((runId, c) => Array.from({ length: REQUESTS_PER_CLIENT }, (_, r) => encode(runId, pointsOfRequest(c, r, startTime))));
}

/**
 * CLIENTS concurrent clients, one per run, each POSTing its log-batch requests one after another.
 * Node's fetch keeps connections alive by default, so each client reuses its connection. Without `sql`
 * (PGlite, inside the server) the server's CPU includes the database's and the check goes through REST.
 */
export async function ingestOverHttp(sql: Sql | undefined, server: { baseUrl: string; pid: number }, runIds: string[], startTime: number): Promise<Measurement> {
  const bodies = buildRequests(runIds, startTime, logBatchBody);
  const url = `${server.baseUrl}/api/2.0/mlflow/runs/log-batch`;
  const cpu = sql ? await cpuMeter(sql, server.pid) : serverCpuMeter(server.pid);
  const rss = sampleRss(server.pid, 100);
  const started = performance.now();
  await Promise.all(
    bodies.map(async (requests) => {
      for (const body of requests) {
        const res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
        const text = await res.text();
        if (res.status !== 200 || text !== "{}") throw new Error(`log-batch answered ${res.status}: ${text}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const rssPeakMiB = rss.stop();
  const { serverCpu, postgresCpu } = await cpu.read();
  await (sql ? verifyHttpIngest(sql, server.baseUrl, runIds) : verifyOverRest(server.baseUrl, runIds));
  return { seconds, perSecond: TOTAL_POINTS / seconds, serverCpu, postgresCpu, rssAfterMiB: readRssMiB(server.pid), rssPeakMiB };
}

async function verifyHttpIngest(sql: Sql, baseUrl: string, runIds: string[]): Promise<void> {
  const [{ count }] = await sql`select count(*)::int as count from metrics where run_uuid in ${sql(runIds)}`;
  if (count !== TOTAL_POINTS) throw new Error(`metrics holds ${count} points of these runs, expected ${TOTAL_POINTS}`);
  const key = KEYS[0];
  const history = await callMlflow(baseUrl, `metrics/get-history?run_id=${runIds[0]}&metric_key=${encodeURIComponent(key)}`);
  const expected = REQUESTS_PER_CLIENT * STEPS_PER_REQUEST;
  if (history.metrics?.length !== expected) throw new Error(`get-history returned ${history.metrics?.length} points, expected ${expected}`);
  const latest = await sql`select step from latest_metrics where run_uuid in ${sql(runIds)}`;
  if (latest.length !== CLIENTS * KEYS.length || latest.some((row) => Number(row.step) !== expected - 1)) {
    throw new Error(`latest_metrics is wrong: ${JSON.stringify(latest)}`);
  }
}

/** Every key's full history of every run, through metrics/get-history (no SQL access to PGlite). */
async function verifyOverRest(baseUrl: string, runIds: string[]): Promise<void> {
  const expected = REQUESTS_PER_CLIENT * STEPS_PER_REQUEST;
  for (const runId of runIds) {
    for (const key of KEYS) {
      const history = await callMlflow(baseUrl, `metrics/get-history?run_id=${runId}&metric_key=${encodeURIComponent(key)}`);
      if (history.metrics?.length !== expected) throw new Error(`get-history of ${key} returned ${history.metrics?.length} points, expected ${expected}`);
    }
  }
}

function serverCpuMeter(pid: number) {
  const before = readCpuSeconds(pid);
  return { read: async () => ({ serverCpu: readCpuSeconds(pid) - before, postgresCpu: 0 }) };
}

/**
 * The floor to compare with: the same rows, 1000 per raw COPY … FROM STDIN statement (each its own
 * transaction, like a log-batch), from CLIENTS connections at once, into a table with the same PK:
 * `metrics_copy` (truncated first: a fresh clone of metrics' definition) or `metrics` itself (its
 * size and indexes as log-batch finds them; the runs must be new).
 */
export async function ingestWithCopy(sql: Sql, runIds: string[], startTime: number, table: "metrics_copy" | "metrics" = "metrics_copy"): Promise<Measurement> {
  if (table === "metrics_copy") await sql`truncate metrics_copy`;
  const texts = buildRequests(runIds, startTime, copyRows);
  const connections = await Promise.all(runIds.map(() => sql.reserve()));
  try {
    const cpu = await cpuMeter(sql);
    const started = performance.now();
    await Promise.all(
      texts.map(async (requests, c) => {
        const conn = connections[c];
        for (const text of requests) {
          const stream = await conn`copy ${sql(table)} (run_uuid, key, step, "timestamp", value, is_nan) from stdin`.writable();
          await pipeline(Readable.from([text]), stream);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const { postgresCpu } = await cpu.read();
    const [{ count }] = await sql`select count(*)::int as count from ${sql(table)} where run_uuid in ${sql(runIds)}`;
    if (count !== TOTAL_POINTS) throw new Error(`${table} holds ${count} rows of these runs, expected ${TOTAL_POINTS}`);
    return { seconds, perSecond: TOTAL_POINTS / seconds, postgresCpu };
  } finally {
    for (const conn of connections) conn.release();
  }
}

/**
 * CPU used between now and read() by the Metron process and by the backends connected to this
 * database (listed at read() time: pools open connections lazily; a new backend starts at 0). The
 * benchmark's own backends are listed too: leaving out only the one asking (as before) counted another
 * pooled backend, one that had asked the first time, from 0 — its whole life, seeding COPYs included.
 */
export async function cpuMeter(sql: Sql, serverPid?: number) {
  const backendCpu = async () => {
    const rows = await sql`select pid from pg_stat_activity where datname = current_database()`;
    return new Map(rows.map((row) => [row.pid as number, safeCpu(row.pid)]));
  };
  const before = await backendCpu();
  const serverBefore = serverPid === undefined ? 0 : readCpuSeconds(serverPid);
  return {
    async read() {
      const serverCpu = serverPid === undefined ? undefined : readCpuSeconds(serverPid) - serverBefore;
      let postgresCpu = 0;
      for (const [pid, cpu] of await backendCpu()) postgresCpu += cpu - (before.get(pid) ?? 0);
      return { serverCpu, postgresCpu };
    },
  };
}

function safeCpu(pid: number): number {
  try {
    return readCpuSeconds(pid);
  } catch {
    return 0; // the backend exited meanwhile
  }
}
