import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { findAutoFailoverPgCtl, startAutoFailoverCluster, type AutoFailoverCluster } from "../testing/auto-failover-cluster";
import { ingestMetric, newIngestLog, sleep, tallyPoints } from "../testing/retrying-ingest";
import { startTestServer, type TestServer } from "../testing/test-server";

// Issue #21 item 5: a high-availability pair managed by pg_auto_failover. The server is given the
// formation's multi-host URL (target_session_attrs=read-write); the primary is stopped mid-ingest, the
// monitor promotes the standby, and the server follows it without a restart: loggers retrying as MLflow's
// client does see only 200 and 503, and every acknowledged point is stored exactly once.

const PG_CTL = findAutoFailoverPgCtl();
const SKIPPED = PG_CTL ? "" : " (skipped: pg_autoctl or postgresql-NN-auto-failover is not installed)";
const CONNECT_TIMEOUT_S = 2;

describe.runIf(inject("driver") === "postgres")("PostgreSQL failover (pg_auto_failover)", { timeout: 90_000 }, () => {
  describe.skipIf(!PG_CTL)(`a primary and its standby${SKIPPED}`, () => {
    let cluster: AutoFailoverCluster;
    let server: TestServer;
    let runId = "";

    beforeAll(async () => {
      const started = performance.now();
      cluster = await startAutoFailoverCluster(PG_CTL!);
      console.log(`pg_auto_failover formation ready in ${Math.round(performance.now() - started)} ms: ${cluster.uri}`);
      // The URI names no user (libpq would take the OS user's name); the nodes trust `postgres` on 127.0.0.1.
      const databaseUrl = cluster.uri.replace("postgres://", "postgres://postgres@");
      server = await startTestServer("postgres", { databaseUrl, keepDatabase: true, env: { METRON_DB_CONNECT_TIMEOUT: String(CONNECT_TIMEOUT_S) } });
      const created = await post("runs/create", { experiment_id: "0" });
      runId = (created.body as { run: { info: { run_id: string } } }).run.info.run_id;
    }, 180_000);

    afterAll(async () => {
      await server?.stop();
      await cluster?.close();
    }, 60_000);

    async function post(endpoint: string, body: unknown): Promise<{ status: number; body: unknown }> {
      const res = await fetch(`${server.baseUrl}/api/2.0/mlflow/${endpoint}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
      return { status: res.status, body: await res.json() };
    }

    it("takes the formation's multi-host URL and writes to the primary", () => {
      const [node1, node2] = cluster.nodes;
      expect(cluster.uri).toMatch(new RegExp(`^postgres://[^/]*127\\.0\\.0\\.1:${node1.port},127\\.0\\.0\\.1:${node2.port}/metron\\?.*target_session_attrs=read-write`));
      expect(runId).not.toBe("");
    });

    it("answers 503, never 500, while its primary has turned read-only, and writes again once it takes writes", async () => {
      const primary = cluster.connectTo(cluster.nodes[0]);
      const logMetric = (step: number) => post("runs/log-metric", { run_id: runId, key: "read_only", value: step, timestamp: 1_700_000_000_000, step });
      try {
        // What a switchover does to the old primary before demoting it: existing sessions turn read-only.
        await primary`alter system set default_transaction_read_only = on`;
        await primary`select pg_reload_conf()`;
        const during: number[] = [];
        for (let step = 0; step < 30 && !during.includes(503); step++) during.push((await logMetric(step)).status);
        console.log(`primary turned read-only: answers in turn ${during.join(" ")}`);
        expect(during).toContain(503);
        expect(new Set(during)).toEqual(new Set(during.includes(200) ? [200, 503] : [503]));
        // Still read-only: the server keeps answering 503 (the standby is no choice either), not 500.
        for (let step = 100; step < 105; step++) expect(await logMetric(step)).toEqual({ status: 503, body: expect.objectContaining({ error_code: "TEMPORARILY_UNAVAILABLE" }) });

        await primary`alter system reset default_transaction_read_only`;
        await primary`select pg_reload_conf()`;
        const backAt = performance.now();
        let status = 0;
        for (let step = 200; status !== 200; step++) {
          status = (await logMetric(step)).status;
          expect([200, 503]).toContain(status);
          if (performance.now() - backAt > 5_000) throw new Error("still not writing 5 s after the primary took writes again");
          if (status !== 200) await sleep(50);
        }
      } finally {
        await primary.end({ timeout: 1 });
      }
    });

    it("follows the promoted standby when the primary is stopped mid-ingest, losing and duplicating nothing, without a restart", async () => {
      const [node1, node2] = cluster.nodes;
      const log = newIngestLog();
      const loggers = Array.from({ length: 3 }, (_, i) => ingestMetric(() => server.baseUrl, runId, `ingest_${i}`, { batches: 30, pointsPerBatch: 100, log }));
      while ((log.statuses.get("200") ?? 0) < 9) await sleep(5);

      const stopAt = performance.now();
      await cluster.stopNode(node1);
      const stoppedAt = performance.now();
      // A batch in flight at the stop may still be acknowledged by the old primary: the failover ends with
      // the first write acknowledged after the first 503 that followed the stop.
      const unavailableAtStop = log.statuses.get("503") ?? 0;
      let acknowledgedAtOutage: number | undefined;
      let firstWriteAfter: number | undefined;
      while (firstWriteAfter === undefined && performance.now() - stoppedAt < 60_000) {
        if (acknowledgedAtOutage === undefined && (log.statuses.get("503") ?? 0) > unavailableAtStop) acknowledgedAtOutage = log.statuses.get("200") ?? 0;
        if (acknowledgedAtOutage !== undefined && (log.statuses.get("200") ?? 0) > acknowledgedAtOutage) firstWriteAfter = performance.now();
        else await sleep(10);
      }
      await Promise.all(loggers);

      const states = await cluster.states();
      const tally = await tallyPoints(server.baseUrl, runId, log);
      const failoverMs = Math.round((firstWriteAfter ?? NaN) - stopAt);
      console.log(
        `pg_auto_failover: primary stop took ${Math.round(stoppedAt - stopAt)} ms, first acknowledged write ${failoverMs} ms after the stop began; ` +
          `${JSON.stringify(tally)}, answers ${JSON.stringify(Object.fromEntries(log.statuses))}, states ${JSON.stringify(states)}`,
      );
      expect(tally).toEqual({ lost: 0, duplicated: 0, stored: 9000, acknowledged: 9000 });
      expect(log.statuses.get("503")).toBeGreaterThan(0);
      expect([...log.statuses.keys()].sort()).toEqual(["200", "503"]); // no 500, no cut connection
      expect(["wait_primary", "primary"]).toContain(states.node2.reported);
      expect(server.process.exitCode).toBeNull();
      expect(server.process.signalCode).toBeNull();
      expect(server.output()).toContain(`"host":"127.0.0.1:${node2.port}","previous":"127.0.0.1:${node1.port}","msg":"database: the failover list's primary moved`);

      // The writes went to the promoted node: it holds every acknowledged point.
      const promoted = cluster.connectTo(node2);
      try {
        const [{ points }] = await promoted<{ points: number }[]>`select count(*)::int as points from metrics where run_uuid = ${runId} and key like 'ingest_%'`;
        expect(points).toBe(9000);
      } finally {
        await promoted.end({ timeout: 1 });
      }
    });
  });
});
