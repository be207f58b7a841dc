import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { startTestServer, testDatabaseUrl, type TestServer } from "../server/testing/test-server";
import { killLeftoverCollectors, startCollector, waitFor, type CollectorRun } from "./testing/collector-process";
import { createRun, history, HOST_METRICS, setRunStatus, type Metric } from "./testing/tracking";

/** The server stays down 30 s: long enough for many spooled samples and several back-off rounds. */
const OUTAGE_MS = 30_000;

afterAll(killLeftoverCollectors);

/**
 * A server of the test's own that can be stopped and started again on the same port with the
 * same data. It runs on PostgreSQL (a database per test), which starts in ~2 s where a fresh
 * PGlite folder takes ~15 s on the 2-core CI machine; the collector cannot tell the difference.
 */
function ownServer(name: "outage" | "crash", onTestFinished: (cleanup: () => Promise<void>) => void) {
  const url = new URL(testDatabaseUrl(name));
  let server: TestServer | undefined;
  let port: number | undefined;
  onTestFinished(async () => server?.stop());
  return {
    async start(): Promise<string> {
      server = await startTestServer("postgres", { databaseUrl: url.toString(), port, keepDatabase: port !== undefined });
      port = Number(new URL(server.baseUrl).port);
      return server.baseUrl;
    },
    /** Stops it and says when. */
    async stop(): Promise<number> {
      await server!.stop();
      server = undefined;
      return Date.now();
    },
  };
}

const cpuPoints = (baseUrl: string, runId: string) => history(baseUrl, runId, "system/cpu_utilization_percentage");

async function waitForPoints(baseUrl: string, runId: string, count: number, collector: CollectorRun): Promise<void> {
  await waitFor(async () => (await cpuPoints(baseUrl, runId)).length >= count, 30_000, collector.stderr);
}

/** Every series holds each step from 0 to `points` - 1 exactly once, all at the same sample times. */
async function expectEverySampleOnce(baseUrl: string, runId: string, points: number): Promise<Metric[]> {
  const reference = await cpuPoints(baseUrl, runId);
  expect(reference.map((m) => m.step)).toEqual(Array.from({ length: points }, (_, i) => i));
  for (const name of HOST_METRICS) {
    const series = await history(baseUrl, runId, `system/${name}`);
    expect(series.map((m) => [m.step, m.timestamp]), name).toEqual(reference.map((m) => [m.step, m.timestamp]));
  }
  return reference;
}

// These start and stop servers of their own, so they run once (in the PostgreSQL project).
describe.runIf(inject("driver") === "postgres")("server outage", { concurrent: true, timeout: 90_000 }, () => {
  it("keeps sampling while the server is down and delivers every sample exactly once when it is back", async ({ onTestFinished }) => {
    const server = ownServer("outage", onTestFinished);
    const baseUrl = await server.start();
    const runId = await createRun(baseUrl);
    const collector = startCollector(["--run-id", runId, "--interval", "1"], { MLFLOW_TRACKING_URI: baseUrl });
    await waitForPoints(baseUrl, runId, 2, collector);

    const downAt = await server.stop();
    await collector.waitForMessage(/cannot send to/);
    await new Promise((resolve) => setTimeout(resolve, downAt + OUTAGE_MS - Date.now()));
    await server.start();
    const upAt = Date.now();
    await collector.waitForMessage(/the tracking server answers again/);
    await waitForPoints(baseUrl, runId, (await cpuPoints(baseUrl, runId)).length + 2, collector);
    await setRunStatus(baseUrl, runId, "FINISHED");
    expect((await collector.exited).code).toBe(0);

    const logged = Number(/: (\d+) points logged/.exec(collector.messages().at(-1)!)![1]);
    const points = await expectEverySampleOnce(baseUrl, runId, logged);
    // The samples taken while the server was down are there, at their own times.
    expect(points.filter((m) => m.timestamp > downAt && m.timestamp < upAt).length).toBeGreaterThanOrEqual(4);
    expect(collector.messages().filter((m) => m.startsWith("cannot send to"))).toHaveLength(1);
  });

  it("a collector killed during an outage loses nothing it had spooled: the next one sends it and continues its steps", async ({ onTestFinished }) => {
    const server = ownServer("crash", onTestFinished);
    const baseUrl = await server.start();
    const runId = await createRun(baseUrl);
    const spoolDir = fs.mkdtempSync(path.join(os.tmpdir(), "metron-crash-spool-"));
    const env = { MLFLOW_TRACKING_URI: baseUrl, METRON_COLLECTOR_SPOOL_DIR: spoolDir };
    const crashing = startCollector(["--run-id", runId, "--interval", "0.5"], env);
    await waitForPoints(baseUrl, runId, 2, crashing);

    const downAt = await server.stop();
    await crashing.waitForMessage(/cannot send to/);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    crashing.child.kill("SIGKILL");
    const crashedAt = (await crashing.exited).at;
    const spooledSteps = fs
      .readFileSync(path.join(spoolDir, `${runId}.${os.hostname()}.jsonl`), "utf8")
      .split("\n")
      .filter(Boolean)
      .flatMap((line) => (JSON.parse(line).metrics ?? []).map((m: Metric) => m.step));
    expect(new Set(spooledSteps).size).toBeGreaterThanOrEqual(3);

    await server.start();
    const next = startCollector(["--run-id", runId, "--interval", "0.5"], env);
    await next.waitForMessage(/sampling every/);
    await waitForPoints(baseUrl, runId, Math.max(...spooledSteps) + 3, next);
    await setRunStatus(baseUrl, runId, "FINISHED");
    expect((await next.exited).code).toBe(0);

    const points = await expectEverySampleOnce(baseUrl, runId, (await cpuPoints(baseUrl, runId)).length);
    expect(points.map((m) => m.step)).toEqual(expect.arrayContaining(spooledSteps));
    expect(points.filter((m) => m.timestamp > downAt && m.timestamp < crashedAt).length).toBeGreaterThanOrEqual(3);
    // The new collector continued after the last spooled step with its own samples.
    const loggedByNext = Number(/: (\d+) points? logged/.exec(next.messages().at(-1)!)![1]);
    expect(points.filter((m) => m.timestamp > crashedAt).map((m) => m.step)).toEqual(
      Array.from({ length: loggedByNext }, (_, i) => Math.max(...spooledSteps) + 1 + i),
    );
  });
});
