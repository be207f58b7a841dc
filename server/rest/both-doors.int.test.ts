import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { rawRequest, type RawReply } from "../testing/artifacts";
import { recreateDatabase, testDatabaseUrl } from "../testing/test-server";
import { withExactLength } from "./http/exact-length";
import { MOUNTS, type Mount } from "./mounts";

// Every mount answered through both doors, the fast path (node-router.ts) and Next's route files, in one
// process over one database: the route files' exports are served by a bare Node server that only makes web
// Requests, so any difference can only be the doors'.

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "metron-doors-"));
const servers: http.Server[] = [];
let nodeDoor = "";
let nextDoor = "";

type RouteModule = Record<string, ((req: Request) => Promise<Response>) | undefined>;
const routeModules = new Map<string, RouteModule>();

beforeAll(async () => {
  process.env.METRON_ARTIFACTS_DIR = path.join(dataDir, "artifacts");
  if (inject("driver") === "postgres") {
    process.env.DATABASE_URL = testDatabaseUrl("doors");
    await recreateDatabase(process.env.DATABASE_URL);
  } else {
    process.env.METRON_DATA_DIR = path.join(dataDir, "db");
  }
  for (const file of allRouteFiles().sort(bySpecificity)) routeModules.set(file, (await import(`@/${file}`)) as RouteModule);
  const { handleRestRequest, rejectForeignHost } = await import("./http/node-router");
  nodeDoor = await listen((req, res) => {
    if (rejectForeignHost(req, res) || handleRestRequest(req, res)) return;
    res.writeHead(599, { "x-left-to": "next" }).end();
  });
  nextDoor = await listen(serveThroughRouteFiles);
}, 60_000);

afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  await (await import("../db/client")).closeDatabase();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function allRouteFiles(): string[] {
  return Object.values(MOUNTS as Record<string, Mount>).flatMap((m) => m.routeFiles);
}

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

/** Next's part, reduced to the route file: which file serves the path, then its export for the method. */
async function serveThroughRouteFiles(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const pathname = (req.url ?? "/").split("?")[0];
  const file = [...routeModules.keys()].find((f) => routePattern(f).test(pathname));
  const handler = file ? routeModules.get(file)?.[req.method ?? "GET"] : undefined;
  if (!handler) return void res.writeHead(598).end();
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const hasBody = req.method !== "GET" && req.method !== "HEAD";
  const headers = new Headers(Object.entries(req.headers).map(([k, v]): [string, string] => [k, String(v)]));
  const response = await handler(new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body: hasBody ? Buffer.concat(chunks) : undefined }));
  const body = Buffer.from(await response.arrayBuffer());
  // As start-server.mjs hands Next the response: a streamed file's exact length becomes Content-Length.
  withExactLength(res);
  for (const [name, value] of response.headers) res.setHeader(name, value);
  res.writeHead(response.status).end(req.method === "HEAD" ? undefined : body);
}

/** A route file's path as Next matches it: [...x] is one or more segments, [x] exactly one. */
function routePattern(file: string): RegExp {
  const dir = file.replace(/^app/, "").replace(/\/route\.ts$/, "");
  const source = dir
    .split(/(\[[^\]]+\])/)
    .map((part) => (part.startsWith("[...") ? ".+" : part.startsWith("[") ? "[^/]+" : part.replace(/\./g, "\\.")))
    .join("");
  return new RegExp(`^${source}$`);
}

/** Next's precedence: a route without a catch-all first, then the longer static prefix. */
function bySpecificity(a: string, b: string): number {
  const rank = (f: string) => [f.includes("[...") ? 1 : 0, -f.split("[")[0].length] as const;
  const [ra, rb] = [rank(a), rank(b)];
  return ra[0] - rb[0] || ra[1] - rb[1];
}

/** What a client can tell apart: status, body and headers, but not the connection's own (Next sends text chunked). */
function comparable(reply: RawReply) {
  const { date, connection, "keep-alive": keepAlive, "content-length": length, "transfer-encoding": te, ...headers } = reply.headers;
  void date, connection, keepAlive, length, te;
  return { status: reply.status, headers, body: reply.text };
}

async function throughBothDoors(method: string, rawPath: string, options: { headers?: Record<string, string>; body?: string } = {}) {
  const [fast, viaNext] = await Promise.all([rawRequest(nodeDoor, method, rawPath, options), rawRequest(nextDoor, method, rawPath, options)]);
  return { fast, viaNext };
}

describe("the mount table", () => {
  it("is what every route file under app/ exports, method for method", async () => {
    const { nextRoute } = await import("./http/next-route");
    const onDisk = (fs.readdirSync(path.join(PROJECT_ROOT, "app"), { recursive: true }) as string[])
      .map((f) => `app/${f.split(path.sep).join("/")}`)
      .filter((f) => f.endsWith("/route.ts"))
      .sort();
    expect(onDisk).toEqual(allRouteFiles().sort());
    for (const mount of Object.values(MOUNTS as Record<string, Mount>)) {
      const expected = nextRoute(mount);
      for (const file of mount.routeFiles) {
        const exported = Object.fromEntries(Object.entries(routeModules.get(file)!).filter(([name]) => /^[A-Z]+$/.test(name)));
        expect(exported, file).toEqual(expected);
        for (const [method, handler] of Object.entries(expected)) expect(exported[method], `${file} ${method}`).toBe(handler);
      }
    }
  });

  it("leaves the Next-only mounts to Next and answers the fast-path ones itself", async () => {
    for (const [method, rawPath] of [["GET", "/version"], ["GET", "/api/ui/experiments/0/runs.csv"], ["GET", "/api/2.0/nothing"]]) {
      expect((await rawRequest(nodeDoor, method, rawPath)).status, rawPath).toBe(599);
    }
    expect((await rawRequest(nodeDoor, "GET", "/health")).text).toBe("OK");
  });
});

describe("every fast-path mount answers through both doors identically", () => {
  let experimentId = "";
  let runId = "";
  const json = { "content-type": "application/json" };

  beforeAll(async () => {
    const created = await rawRequest(nodeDoor, "POST", "/api/2.0/mlflow/experiments/create", { headers: json, body: JSON.stringify({ name: "doors" }) });
    experimentId = (created.json as { experiment_id: string }).experiment_id;
    const run = await rawRequest(nodeDoor, "POST", "/api/2.0/mlflow/runs/create", { headers: json, body: JSON.stringify({ experiment_id: experimentId }) });
    runId = (run.json as { run: { info: { run_id: string } } }).run.info.run_id;
    const metrics = [3, -0.0, 1e21, 0.1].map((value, step) => ({ key: "loss", value, timestamp: 1, step }));
    await rawRequest(nodeDoor, "POST", "/api/2.0/mlflow/runs/log-batch", { headers: json, body: JSON.stringify({ run_id: runId, metrics }) });
    const put = await rawRequest(nodeDoor, "PUT", `/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/notes%20one.txt`, { body: "both doors" });
    expect(put.status).toBe(200);
  });

  type Options = { headers?: Record<string, string>; body?: string };
  const cases: [name: string, method: string, path: () => string, options?: () => Options][] = [
    ["a run with doubles spliced from the database", "GET", () => `/api/2.0/mlflow/runs/get?run_id=${runId}`],
    ["a metric history on the ajax prefix", "GET", () => `/ajax-api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=loss`],
    ["a search", "POST", () => "/api/2.0/mlflow/runs/search", () => ({ headers: json, body: JSON.stringify({ experiment_ids: [experimentId] }) })],
    ["an unknown endpoint", "GET", () => "/api/2.0/mlflow/experiments/nope"],
    ["a method the endpoint does not take", "DELETE", () => "/api/2.0/mlflow/experiments/get"],
    ["malformed JSON", "POST", () => "/api/2.0/mlflow/experiments/create", () => ({ headers: json, body: '{"name": ' })],
    ["a 1 MB value quoted in an error", "POST", () => "/api/2.0/mlflow/experiments/delete", () => ({ headers: json, body: JSON.stringify({ experiment_id: "9".repeat(1 << 20) }) })],
    ["a proxied download", "GET", () => `/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/notes%20one.txt`],
    ["a proxied HEAD", "HEAD", () => `/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/notes%20one.txt`],
    ["a proxied listing", "GET", () => `/ajax-api/2.0/mlflow-artifacts/artifacts?path=${experimentId}/${runId}/artifacts`],
    ["a missing proxied file", "GET", () => "/api/2.0/mlflow-artifacts/artifacts/none/x.bin"],
    ["a run artifact for the UI", "GET", () => `/get-artifact?run_id=${runId}&path=notes%20one.txt`],
    ["a byte range of it", "GET", () => `/get-artifact?run_id=${runId}&path=notes%20one.txt`, () => ({ headers: { range: "bytes=5-" } })],
    ["a model version artifact without a name", "GET", () => "/model-versions/get-artifact?version=1&path=x"],
    ["the health check", "GET", () => "/health"],
    ["the readiness check", "GET", () => "/ready"],
    ["a tRPC query", "GET", () => `/api/trpc/experimentList.search?input=${encodeURIComponent(JSON.stringify({ filter: "name = 'doors'" }))}`],
    ["a batched tRPC POST (how the UI sends chart series)", "POST", () => "/api/trpc/experimentList.search,experimentList.search?batch=1", () => ({ headers: json, body: JSON.stringify({ 0: { filter: "name = 'doors'" }, 1: { filter: "name = 'none'" } }) })],
    ["a tRPC body that is not UTF-8", "POST", () => "/api/trpc/experimentList.search", () => ({ headers: json, body: Buffer.from([0x7b, 0xff, 0x7d]) as unknown as string })],
    ["a sign-in while auth is off", "POST", () => "/api/auth/sign-in", () => ({ headers: json, body: JSON.stringify({ username: "a", password: "b" }) })],
    ["a foreign Host", "POST", () => "/api/2.0/mlflow/experiments/search", () => ({ headers: { ...json, host: "attacker.example" }, body: "{}" })],
  ];

  it.each(cases)("%s", async (_, method, rawPath, options) => {
    const { fast, viaNext } = await throughBothDoors(method, rawPath(), options?.());
    expect(fast.headers["x-left-to"], "the fast path answered").toBeUndefined();
    expect(comparable(viaNext)).toEqual(comparable(fast));
    // A file's exact length reaches clients through both doors (Next's through EXACT_LENGTH_HEADER).
    if (viaNext.headers["content-length"] !== undefined) expect(fast.headers["content-length"]).toBe(viaNext.headers["content-length"]);
  });

  it("/metrics: the same Prometheus text through both doors (its counts move between calls)", async () => {
    const { fast, viaNext } = await throughBothDoors("GET", "/metrics");
    expect(fast.headers["x-left-to"], "the fast path answered").toBeUndefined();
    expect([viaNext.status, viaNext.headers["content-type"]]).toEqual([fast.status, fast.headers["content-type"]]);
    expect(fast.status).toBe(200);
    for (const reply of [fast, viaNext]) expect(reply.text).toMatch(/^# TYPE metron_ingest_metric_points_total counter$/m);
  });

  it("covers every fast-path mount", () => {
    // /metrics has its own test above: its counts move between calls, so its bodies cannot be equal.
    const paths = [...cases.map(([, , p]) => p().split("?")[0]), "/metrics"];
    for (const mount of Object.values(MOUNTS as Record<string, Mount>)) {
      if (mount.fastPath) expect(paths.some((p) => mount.fastPath!.test(p)), String(mount.fastPath)).toBe(true);
    }
  });
});
