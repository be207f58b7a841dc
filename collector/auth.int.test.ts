import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestServer, type TestServer } from "../server/testing/test-server";
import { killLeftoverCollectors, startCollector, waitFor } from "./testing/collector-process";

// The collector against a server with --auth: it passes MLFLOW_TRACKING_TOKEN (Bearer) or
// MLFLOW_TRACKING_USERNAME/PASSWORD (Basic) on every call, and a refused credential ends it at start-up
// with one line and exit code 5. Once, in the PGlite project: it tests the collector, not the database.

const ADMIN = { username: "admin", password: "collector admin password" };
const CPU = "system/cpu_utilization_percentage";
let server: TestServer;
let token = "";
const bearer = () => ({ authorization: `Bearer ${token}` });

async function api(method: "GET" | "POST", path: string, body?: unknown) {
  const res = await fetch(`${server.baseUrl}/api/2.0/mlflow/${path}`, {
    method,
    headers: { ...bearer(), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

const cpuPoints = async (runId: string) => ((await api("GET", `metrics/get-history?run_id=${runId}&metric_key=${encodeURIComponent(CPU)}`)).metrics ?? []).length;

afterAll(killLeftoverCollectors);

describe.runIf(inject("driver") === "pglite")("the collector with auth on", () => {
  beforeAll(async () => {
    server = await startTestServer("pglite", { env: { METRON_ADMIN_USERNAME: ADMIN.username, METRON_ADMIN_PASSWORD: ADMIN.password }, args: ["--auth"] });
    const basic = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString("base64")}`;
    const res = await fetch(`${server.baseUrl}/api/trpc/account.tokens.create`, {
      method: "POST",
      headers: { authorization: basic, "content-type": "application/json" },
      body: JSON.stringify({ name: "collector" }),
    });
    token = (await res.json()).result.data.token;
  }, 120_000);
  afterAll(() => server?.stop());

  async function newRun(): Promise<string> {
    return (await api("POST", "runs/create", { experiment_id: "0", start_time: Date.now() })).run.info.run_id;
  }

  /** Attaches to a new run with `credentials`, waits for 3 samples, ends the run: the collector's exit and messages. */
  async function logSystemMetrics(credentials: Record<string, string>) {
    const runId = await newRun();
    const collector = startCollector(["--run-id", runId, "--interval", "0.5"], { MLFLOW_TRACKING_URI: server.baseUrl, ...credentials });
    await waitFor(async () => (await cpuPoints(runId)) >= 3, 30_000, () => `fewer than 3 points of ${CPU}:\n${collector.stderr()}`);
    await api("POST", "runs/update", { run_id: runId, status: "FINISHED" });
    const { code } = await collector.exited;
    return { code, last: collector.messages().at(-1), points: await cpuPoints(runId), runId };
  }

  it("logs system metrics with an API token (Bearer)", { timeout: 60_000 }, async () => {
    const { code, last, points, runId } = await logSystemMetrics({ MLFLOW_TRACKING_TOKEN: token });
    expect([code, last]).toEqual([0, `stopped (the run is no longer RUNNING): ${points} points logged to run ${runId}`]);
  });

  it("logs system metrics with a username and password (Basic), which win over a token as in MLflow", { timeout: 60_000 }, async () => {
    const { code, last, points, runId } = await logSystemMetrics({ MLFLOW_TRACKING_USERNAME: ADMIN.username, MLFLOW_TRACKING_PASSWORD: ADMIN.password, MLFLOW_TRACKING_TOKEN: "mtk_not-a-token" });
    expect([code, last]).toEqual([0, `stopped (the run is no longer RUNNING): ${points} points logged to run ${runId}`]);
  });

  const refused = (status: number, message: string) =>
    `the tracking server at ${server.baseUrl} rejected the credentials (HTTP ${status}: ${message}); check MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD`;

  it.each([
    ["no credentials", {}, "Authentication required: send an API token (Bearer) or HTTP Basic credentials"],
    ["an unknown token", { MLFLOW_TRACKING_TOKEN: "mtk_not-a-token" }, "Invalid or revoked API token"],
    ["a wrong password", { MLFLOW_TRACKING_USERNAME: ADMIN.username, MLFLOW_TRACKING_PASSWORD: "wrong" }, "Incorrect username or password"],
  ])("with %s: exit 5 at start-up, one line naming the variables to check", { timeout: 30_000 }, async (_, credentials, message) => {
    const runId = await newRun();
    const collector = startCollector(["--run-id", runId], { MLFLOW_TRACKING_URI: server.baseUrl, ...credentials });
    const { code } = await collector.exited;
    expect({ code, messages: collector.messages() }).toEqual({ code: 5, messages: [refused(401, message)] });
    expect(await cpuPoints(runId)).toBe(0);
  });
});
