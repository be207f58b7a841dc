import http from "node:http";
import net from "node:net";
import { afterAll, describe, expect, inject, it } from "vitest";
import { killLeftoverCollectors, startCollector } from "./testing/collector-process";
import { createRun } from "./testing/tracking";

const baseUrl = () => inject("baseUrl");
const UNKNOWN_RUN = "0123456789abcdef0123456789abcdef";

afterAll(killLeftoverCollectors);

/** Runs the collector to its end; its exit code and its one-line messages. */
async function outcome(args: string[], env: Record<string, string>) {
  const collector = startCollector(args, env);
  const { code } = await collector.exited;
  return { code, messages: collector.messages() };
}

/**
 * Stands in for what may sit at a wrong URL or in front of a server: a proxy that wants
 * credentials (401) or a web server that is not MLflow (404 HTML). Metron itself has no login yet.
 */
function standInServer(status: number, contentType: string, body: string) {
  const seen: (string | undefined)[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers.authorization);
    res.writeHead(status, { "content-type": contentType }).end(body);
  });
  const listening = new Promise<string>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}`)),
  );
  return { seen, url: () => listening, close: () => server.close() };
}

const proxy401 = standInServer(401, "application/json", JSON.stringify({ error_code: "UNAUTHENTICATED", message: "Invalid token" }));
const notMlflow = standInServer(404, "text/html", "<html><body>Not Found</body></html>");
afterAll(() => {
  proxy401.close();
  notMlflow.close();
});

// Start-up failures only involve the collector, so they run once (in the PGlite project).
describe.runIf(inject("driver") === "pglite")("start-up errors: one line and a documented exit code", { concurrent: true }, () => {
  it("an unknown run: exit 4", async () => {
    expect(await outcome(["--run-id", UNKNOWN_RUN], { MLFLOW_TRACKING_URI: baseUrl() })).toEqual({
      code: 4,
      messages: [`run ${UNKNOWN_RUN} does not exist on ${baseUrl()}`],
    });
  });

  it("a deleted run: exit 4", async () => {
    const runId = await createRun(baseUrl());
    await fetch(`${baseUrl()}/api/2.0/mlflow/runs/delete`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ run_id: runId }) });
    expect(await outcome(["--run-id", runId], { MLFLOW_TRACKING_URI: baseUrl() })).toEqual({ code: 4, messages: [`run ${runId} is deleted`] });
  });

  it("an unknown experiment in wrap mode: exit 4, and the command does not run", async () => {
    const result = await outcome(["run", "--experiment-id", "987654", "--", process.execPath, "-e", "console.log('ran')"], { MLFLOW_TRACKING_URI: baseUrl() });
    expect(result).toEqual({ code: 4, messages: [`experiment 987654 does not exist on ${baseUrl()}`] });
  });

  it("a tracking URI that is not an http(s) URL: exit 3", async () => {
    expect(await outcome(["--run-id", UNKNOWN_RUN], { MLFLOW_TRACKING_URI: "localhost:5000" })).toEqual({
      code: 3,
      messages: ["the tracking URI 'localhost:5000' is not an http(s) URL; the collector logs to a tracking server, e.g. http://host:5000"],
    });
  });

  it("nothing listening at the URL: exit 3", async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const url = `http://127.0.0.1:${closedPort}`;
    expect(await outcome(["--run-id", UNKNOWN_RUN], { MLFLOW_TRACKING_URI: url })).toEqual({
      code: 3,
      messages: [`cannot reach the tracking server at ${url} (ECONNREFUSED)`],
    });
  });

  it("a URL where something other than an MLflow server answers: exit 3", async () => {
    const url = await notMlflow.url();
    expect(await outcome(["--run-id", UNKNOWN_RUN], { MLFLOW_TRACKING_URI: url })).toEqual({
      code: 3,
      messages: [`${url} does not answer like an MLflow tracking server (HTTP 404: <html><body>Not Found</body></html>)`],
    });
  });

  it("rejected credentials: exit 5, after sending the token or Basic credentials as MLflow's client does", async () => {
    const url = await proxy401.url();
    const message =
      `the tracking server at ${url} rejected the credentials (HTTP 401: Invalid token); ` +
      "check MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD";
    expect(await outcome(["--run-id", UNKNOWN_RUN], { MLFLOW_TRACKING_URI: url, MLFLOW_TRACKING_TOKEN: "t0k" })).toEqual({ code: 5, messages: [message] });
    const basic = { MLFLOW_TRACKING_URI: url, MLFLOW_TRACKING_USERNAME: "ana", MLFLOW_TRACKING_PASSWORD: "s3cret", MLFLOW_TRACKING_TOKEN: "t0k" };
    expect(await outcome(["--run-id", UNKNOWN_RUN], basic)).toEqual({ code: 5, messages: [message] });
    expect(proxy401.seen).toEqual(["Bearer t0k", `Basic ${Buffer.from("ana:s3cret").toString("base64")}`]);
  });
});
