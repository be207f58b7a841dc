import { afterAll, describe, expect, inject, it } from "vitest";
import { ingestMetric, newIngestLog, sleep, tallyPoints } from "../testing/retrying-ingest";
import { dropDatabase, startTestServer, testDatabaseUrl, type TestServer } from "../testing/test-server";

// Issue #21 item 2: kill -9 the server while loggers write, start it again on the same port; the loggers
// retry as MLflow's client does. Every acknowledged point must be stored, and a log-batch the dead server
// committed without answering (then sent again) must not store its points twice.

const LOGGERS = 4;
const BATCHES = 30;
const POINTS_PER_BATCH = 100;

describe.runIf(inject("driver") === "postgres")("kill -9 mid-ingest (PostgreSQL)", { timeout: 60_000 }, () => {
  const databaseUrl = testDatabaseUrl("kill9");
  let server: TestServer | undefined;

  afterAll(async () => {
    await server?.stop();
    await dropDatabase(databaseUrl);
  });

  it("loses no acknowledged point and stores no retried point twice", async () => {
    server = await startTestServer("postgres", { databaseUrl });
    const baseUrl = server.baseUrl;
    const port = Number(new URL(baseUrl).port);
    const created = await fetch(`${baseUrl}/api/2.0/mlflow/runs/create`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ experiment_id: "0" }) });
    const runId: string = (await created.json()).run.info.run_id;

    const log = newIngestLog();
    const loggers = Array.from({ length: LOGGERS }, (_, i) =>
      ingestMetric(() => baseUrl, runId, `loss_${i}`, { batches: BATCHES, pointsPerBatch: POINTS_PER_BATCH, log }),
    );
    // Kill once some batches are acknowledged and more are in flight.
    while ([...log.acknowledged.values()].reduce((n, steps) => n + steps.length, 0) < LOGGERS * POINTS_PER_BATCH * 2) await sleep(5);
    const killed = new Promise((resolve) => server!.process.once("exit", resolve));
    server.process.kill("SIGKILL");
    await killed;
    await server.stop(); // removes the old artifacts folder; the database stays
    server = await startTestServer("postgres", { databaseUrl, port, keepDatabase: true });
    await Promise.all(loggers);

    const tally = await tallyPoints(baseUrl, runId, log);
    console.log(`kill -9 mid-ingest (PostgreSQL): ${JSON.stringify(tally)}, answers ${JSON.stringify(Object.fromEntries(log.statuses))}`);
    expect(log.statuses.get("network")).toBeGreaterThan(0); // the kill did land mid-ingest
    expect(tally).toEqual({ lost: 0, duplicated: 0, stored: LOGGERS * BATCHES * POINTS_PER_BATCH, acknowledged: LOGGERS * BATCHES * POINTS_PER_BATCH });
    expect([...log.statuses.keys()].filter((s) => s !== "200" && s !== "network" && s !== "503")).toEqual([]);
  });
});
