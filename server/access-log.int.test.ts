import { afterAll, describe, expect, inject, it } from "vitest";
import { startTestServer, testDatabaseUrl, type TestServer } from "./testing/test-server";

// A server of its own with info logging (the shared test servers log warnings only), on its own
// PostgreSQL database; once, in the PostgreSQL project.
describe.runIf(inject("driver") === "postgres")("access log", () => {
  const servers: TestServer[] = [];
  afterAll(async () => Promise.all(servers.map((s) => s.stop())));

  const requestLines = (server: TestServer) =>
    server
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.msg === "request");

  async function waitForLines(server: TestServer, count: number) {
    for (let i = 0; i < 100 && requestLines(server).length < count; i++) await new Promise((r) => setTimeout(r, 20));
    return requestLines(server);
  }


  it("logs method, path, status and ms for REST, pages and tRPC, without bodies, headers or query secrets", async () => {
    const server = await startTestServer("postgres", { databaseUrl: testDatabaseUrl("access_log"), env: { METRON_LOG_LEVEL: "info" } });
    servers.push(server);
    const base = server.baseUrl;
    const created = await fetch(`${base}/api/2.0/mlflow/experiments/create`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer sekrit-bearer" },
      body: JSON.stringify({ name: "access-log secret-body-value" }),
    });
    const missing = await fetch(`${base}/api/2.0/mlflow/experiments/get?experiment_id=424242&token=sekrit-query`);
    const home = await fetch(`${base}/`, { headers: { cookie: "session=sekrit-cookie" } });
    const input = encodeURIComponent(JSON.stringify({ experimentIds: ["1"] }));
    const trpc = await fetch(`${base}/api/trpc/experimentList.runCounts?input=${input}`);
    expect([created.status, missing.status, home.status, trpc.status]).toEqual([200, 404, 200, 200]);

    // Start-up's /health checks are logged too; the four requests come after them.
    const lines = (await waitForLines(server, 6)).filter((line) => line.path !== "/health");
    expect(lines.map(({ method, path, status }) => ({ method, path, status }))).toEqual([
      { method: "POST", path: "/api/2.0/mlflow/experiments/create", status: 200 },
      { method: "GET", path: "/api/2.0/mlflow/experiments/get?experiment_id=424242&token=[redacted]", status: 404 },
      { method: "GET", path: "/", status: 200 },
      { method: "GET", path: `/api/trpc/experimentList.runCounts?input=${input}`, status: 200 },
    ]);
    for (const line of lines) {
      expect(line).toMatchObject({ level: 30, name: "metron" });
      expect(line.ms).toBeGreaterThanOrEqual(0);
    }
    for (const secret of ["sekrit", "secret-body-value"]) expect(server.output()).not.toContain(secret);
  });

  it("logs nothing per request with METRON_ACCESS_LOG=false, and nothing with --no-access-log", async () => {
    for (const quiet of [{ env: { METRON_ACCESS_LOG: "false" } }, { args: ["--no-access-log"] }]) {
      const server = await startTestServer("postgres", {
        databaseUrl: testDatabaseUrl("access_log"),
        keepDatabase: true,
        ...quiet,
        env: { METRON_LOG_LEVEL: "info", ...quiet.env },
      });
      servers.push(server);
      expect((await fetch(`${server.baseUrl}/api/2.0/mlflow/experiments/get?experiment_id=0`)).status).toBe(200);
      expect((await fetch(`${server.baseUrl}/`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 200));
      expect(requestLines(server)).toEqual([]);
      expect(server.output()).toContain('"msg":"database ready"'); // info lines still appear
      await server.stop();
    }
  });
});
