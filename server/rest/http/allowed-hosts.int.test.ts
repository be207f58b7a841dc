import net from "node:net";
import { afterAll, describe, expect, inject, it } from "vitest";
import { uniqueName } from "../../testing/api";
import { rawRequest, type RawReply } from "../../testing/artifacts";
import { startTestServer, type TestServer } from "../../testing/test-server";

// Issue 12, item 6: MLflow's --allowed-hosts protection against DNS rebinding. A request with a rebound
// Host must be refused at every door (REST fast path, Next route files, tRPC, pages) while the UI keeps
// working through localhost and the address it listens on.

const INVALID_HOST = "Invalid Host header - possible DNS rebinding attack detected";
const REFUSED_JSON = { error_code: "PERMISSION_DENIED", message: INVALID_HOST };
const trpcSearch = `/api/trpc/experimentList.search?input=${encodeURIComponent(JSON.stringify({ filter: "" }))}`;

/** The request's answer as a comparable triple. */
const summary = (reply: RawReply) => [reply.status, reply.headers["content-type"]?.split(";")[0], reply.json ?? reply.text];

function requestAs(baseUrl: string, host: string) {
  return (method: string, path: string, body?: unknown) =>
    rawRequest(baseUrl, method, path, {
      headers: { host, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
}

describe("the Host check with the default settings", () => {
  const port = () => new URL(inject("baseUrl")).port;

  it("lets the UI work through localhost and the listening address: a page load and a tRPC call", async () => {
    for (const host of [`localhost:${port()}`, `127.0.0.1:${port()}`]) {
      const as = requestAs(inject("baseUrl"), host);
      const page = await as("GET", "/");
      expect([page.status, page.headers["content-type"]?.split(";")[0]], host).toEqual([200, "text/html"]);
      expect(page.text).toContain("<html");
      const trpc = await as("GET", trpcSearch);
      expect(trpc.status, host).toBe(200);
      expect(Array.isArray(trpc.json.result.data.experiments)).toBe(true);
      const rest = await as("GET", "/api/2.0/mlflow/experiments/get?experiment_id=0");
      expect([rest.status, rest.json.experiment.experiment_id]).toEqual([200, "0"]);
    }
  });

  it("refuses a foreign Host at every door with MLflow's 403, and writes nothing", async () => {
    const as = requestAs(inject("baseUrl"), `attacker.example:${port()}`);
    const name = uniqueName("rebound");
    const replies = {
      "REST fast path": await as("POST", "/api/2.0/mlflow/experiments/create", { name }),
      "REST through Next's route file": await as("POST", "/api/2.0/mlflow/x/../experiments/create", { name }),
      "ajax-api": await as("GET", "/ajax-api/2.0/mlflow/experiments/get?experiment_id=0"),
      "artifact proxy": await as("GET", "/api/2.0/mlflow-artifacts/artifacts/x.txt"),
      "get-artifact": await as("GET", `/get-artifact?run_id=${"0".repeat(32)}&path=x`),
      tRPC: await as("GET", trpcSearch),
      "runs CSV": await as("GET", "/api/ui/experiments/0/runs.csv"),
    };
    const json = ["application/json", REFUSED_JSON];
    expect(Object.fromEntries(Object.entries(replies).map(([door, reply]) => [door, summary(reply)]))).toEqual(
      Object.fromEntries(Object.keys(replies).map((door) => [door, [403, ...json]])),
    );
    expect(summary(await as("GET", "/"))).toEqual([403, "text/plain", INVALID_HOST]);
    expect(summary(await as("GET", "/experiments/0"))).toEqual([403, "text/plain", INVALID_HOST]);
    // Probes keep working whatever the Host.
    expect(summary(await as("GET", "/health"))).toEqual([200, "text/plain", "OK"]);

    const local = requestAs(inject("baseUrl"), `127.0.0.1:${port()}`);
    const found = await local("GET", `/api/2.0/mlflow/experiments/get-by-name?experiment_name=${name}`);
    expect(found.status).toBe(404);
  });

  it("refuses a request without a usable Host", async () => {
    for (const host of ["a b", "localhost.attacker.example", "127.0.0.1.nip.example"]) {
      const reply = await requestAs(inject("baseUrl"), host)("GET", "/api/2.0/mlflow/experiments/get?experiment_id=0");
      expect(summary(reply), host).toEqual([403, "application/json", REFUSED_JSON]);
    }
    // HTTP/1.0 allows leaving the Host out; such a request names no host we answer to.
    const { hostname, port: p } = new URL(inject("baseUrl"));
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(p), hostname, () => socket.end("GET /api/2.0/mlflow/experiments/get?experiment_id=0 HTTP/1.0\r\n\r\n"));
      let text = "";
      socket.on("data", (chunk) => (text += chunk)).on("end", () => resolve(text)).on("error", reject);
    });
    expect(raw.split("\r\n")[0]).toBe("HTTP/1.1 403 Forbidden");
    expect(raw.endsWith(JSON.stringify(REFUSED_JSON))).toBe(true);
  });
});

describe.runIf(inject("driver") === "pglite")("--allowed-hosts", () => {
  const servers: TestServer[] = [];
  afterAll(async () => Promise.all(servers.map((s) => s.stop())));

  it("answers only the hosts given (by flag or MLFLOW_SERVER_ALLOWED_HOSTS), and any with '*'", async () => {
    // Each server is recorded as soon as it runs, so afterAll stops it even if the other fails to start.
    const start = (options: Parameters<typeof startTestServer>[1]) => startTestServer("pglite", options).then((s) => (servers.push(s), s));
    const [byFlag, byEnv] = await Promise.all([
      start({ args: ["--allowed-hosts", "mlflow.example.com,*.corp.example"] }),
      start({ env: { MLFLOW_SERVER_ALLOWED_HOSTS: "*" } }),
    ]);
    const status = async (server: TestServer, host: string, path = "/api/2.0/mlflow/experiments/get?experiment_id=0") =>
      (await requestAs(server.baseUrl, host)("GET", path)).status;
    expect(await status(byFlag, "mlflow.example.com:5000")).toBe(200);
    expect(await status(byFlag, "ci.corp.example")).toBe(200);
    expect(await status(byFlag, "mlflow.example.com", "/")).toBe(200);
    expect(await status(byFlag, "localhost")).toBe(403);
    expect(await status(byFlag, "attacker.example")).toBe(403);
    expect(await status(byEnv, "attacker.example")).toBe(200);
  }, 180_000);
});
