import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { makeClusterRoot, removeClusterRoot, startPrimaryCluster, startStandbyCluster, tempClusterUnavailable, type TempCluster } from "../testing/temp-cluster";
import { startTestServer, type TestServer } from "../testing/test-server";

// Issue #21 item 5: searches and reads on a streaming-replication standby, with read-your-writes for the
// caller that wrote. The test runs its own primary and standby (temp-cluster.ts), never the shared cluster.
// Callers are told apart by address + User-Agent (auth is off), so each client here sends its own.

const unavailable = inject("driver") !== "postgres" ? "runs with the PostgreSQL driver only" : tempClusterUnavailable();
const WRITER = "replica-test-writer/1.0";
const READER = "replica-test-reader/1.0";

describe.skipIf(unavailable !== undefined)(`read replica${unavailable ? ` (skipped: ${unavailable})` : ""}`, { timeout: 60_000 }, () => {
  let root = "";
  let primary: TempCluster;
  let standby: TempCluster;
  let server: TestServer;
  let onStandby: postgres.Sql;
  let experimentId = "";
  let runId = "";

  beforeAll(async () => {
    root = makeClusterRoot();
    primary = await startPrimaryCluster(root);
    const admin = postgres(primary.url(), { max: 1, onnotice: () => {} });
    await admin`create database metron`;
    await admin.end();
    standby = await startStandbyCluster(root, primary);
    server = await startTestServer("postgres", {
      databaseUrl: primary.url("metron"),
      keepDatabase: true,
      // A long lag limit: while replay is paused below, the replica must keep serving other callers.
      env: { METRON_READ_DATABASE_URL: standby.url("metron"), METRON_READ_REPLICA_MAX_LAG_MS: "60000" },
    });
    onStandby = postgres(standby.url("metron"), { max: 1, onnotice: () => {} });
    experimentId = (await call(WRITER, "experiments/create", { name: "replicated" })).experiment_id;
    runId = (await call(WRITER, "runs/create", { experiment_id: experimentId })).run.info.run_id;
    await until("the standby replaying the new run", async () => (await onStandby`select 1 from runs where run_uuid = ${runId}`).length === 1);
  }, 90_000);

  afterAll(async () => {
    await onStandby?.end({ timeout: 1 });
    await server?.stop();
    await standby?.stop().catch(() => {});
    await primary?.stop().catch(() => {});
    if (root) removeClusterRoot(root);
  });

  async function call(agent: string, endpoint: string, body: unknown, via = server): Promise<any> {
    const res = await fetch(`${via.baseUrl}/api/2.0/mlflow/${endpoint}`, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": agent },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${endpoint} as ${agent} answered ${res.status}: ${text}`);
    return JSON.parse(text);
  }

  /** The ids of the experiment's runs tagged phase=`phase`, as `agent` finds them. */
  async function runsTagged(agent: string, phase: string, via = server): Promise<string[]> {
    const found = await call(agent, "runs/search", { experiment_ids: [experimentId], filter: `tags.phase = '${phase}'` }, via);
    return (found.runs ?? []).map((run: any) => run.info.run_id);
  }

  async function history(agent: string, key: string): Promise<number[]> {
    const res = await fetch(`${server.baseUrl}/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=${key}`, { headers: { "user-agent": agent } });
    expect(res.status).toBe(200);
    return ((await res.json()).metrics ?? []).map((m: any) => m.value);
  }

  /** Pauses WAL replay on the standby and writes phase=`phase` as WRITER: only the primary holds it. */
  async function writeTheStandbyCannotSee(phase: string): Promise<void> {
    await onStandby`select pg_wal_replay_pause()`;
    await call(WRITER, "runs/set-tag", { run_id: runId, key: "phase", value: phase });
  }

  async function until(what: string, ready: () => Promise<boolean>, ms = 15_000): Promise<void> {
    const deadline = performance.now() + ms;
    while (!(await ready())) {
      if (performance.now() > deadline) throw new Error(`${what} did not happen within ${ms} ms\n${server.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it("serves another caller's search from the replica, and the writer's from the primary until replayed", async () => {
    await writeTheStandbyCannotSee("paused");
    // READER did not write: its search runs on the standby, which has not replayed the tag.
    await until("the reader's search served by the paused standby", async () => (await runsTagged(READER, "paused")).length === 0);
    expect(await runsTagged(READER, "paused")).toEqual([]);
    // WRITER's reads stay on the primary while the standby lags behind its write.
    for (let i = 0; i < 5; i++) expect(await runsTagged(WRITER, "paused")).toEqual([runId]);
    await onStandby`select pg_wal_replay_resume()`;
    await until("the reader seeing the write once replayed", async () => (await runsTagged(READER, "paused")).length === 1);
  });

  it("a caller that logs, then searches and reads history at once, sees its own write every time (50×)", async () => {
    for (let i = 1; i <= 50; i++) {
      await call(WRITER, "runs/log-metric", { run_id: runId, key: "ryw", value: i, timestamp: Date.now(), step: i });
      const found = await call(WRITER, "runs/search", { experiment_ids: [experimentId], filter: `metrics.ryw = ${i}` });
      expect(found.runs?.map((run: any) => run.info.run_id)).toEqual([runId]);
      expect((await history(WRITER, "ryw")).at(-1)).toBe(i);
    }
  });

  it("answers from the primary while the standby is stopped, and returns to the standby once it is back", async () => {
    await standby.stop();
    await call(WRITER, "runs/set-tag", { run_id: runId, key: "phase", value: "standby-down" });
    for (let i = 0; i < 5; i++) {
      expect(await runsTagged(READER, "standby-down")).toEqual([runId]);
      expect((await history(READER, "ryw")).length).toBe(50);
    }
    await standby.start();
    await until("the standby replaying the primary again", async () => {
      const [{ phase }] = await onStandby`select value as phase from tags where run_uuid = ${runId} and key = 'phase'`.catch(() => [{ phase: "" }]);
      return phase === "standby-down";
    });
    await writeTheStandbyCannotSee("paused-again");
    await until("the reader's search served by the standby again", async () => (await runsTagged(READER, "paused-again")).length === 0);
    await onStandby`select pg_wal_replay_resume()`;
  });

  it("sends every caller to the primary once the standby lags past METRON_READ_REPLICA_MAX_LAG_MS", async () => {
    const strict = await startTestServer("postgres", {
      databaseUrl: primary.url("metron"),
      keepDatabase: true,
      env: { METRON_READ_DATABASE_URL: standby.url("metron"), METRON_READ_REPLICA_MAX_LAG_MS: "500" },
    });
    try {
      await writeTheStandbyCannotSee("lagging");
      // Without the limit the paused standby would keep answering READER without the tag for ever.
      await until("the reader's search answered by the primary", async () => (await runsTagged(READER, "lagging", strict)).length === 1);
      expect(await runsTagged(READER, "lagging", strict)).toEqual([runId]);
      expect((await onStandby`select count(*)::int as n from tags where run_uuid = ${runId} and value = 'lagging'`)[0].n).toBe(0);
    } finally {
      await onStandby`select pg_wal_replay_resume()`;
      await strict.stop();
    }
  });
});
