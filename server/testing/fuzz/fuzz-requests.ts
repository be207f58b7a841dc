import { MLFLOW_ROUTES } from "../../rest/mlflow/routes";
import { appRouter } from "../../trpc/app-router";
import { hostileBody, hostileObject, hostileSegment, hostileValue, percentEncode, type FuzzFixtures, type Size } from "./hostile-values";
import type { Random } from "./random";

// One hostile request at a time, over every door of the server: each MLflow route of the route
// table (both prefixes), the artifact proxy, the download routes, the runs CSV, every tRPC
// procedure, pages, and request lines with unknown methods and broken %-escapes.

export interface FuzzRequest {
  family: "mlflow" | "artifacts" | "download" | "csv" | "trpc" | "page" | "request-line" | "session" | "oversized";
  /** The MLflow route or tRPC procedure aimed at, if any. */
  target?: string;
  method: string;
  /** Sent exactly as written (percent-encoding, dot segments and all). */
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
  /** The one status the answer must have (a body over the endpoint's limit: 413). */
  expectStatus?: number;
}

const ODD_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND", "SEARCH", "PURGE"];
const RANGES = ["bytes=0-3", "bytes=-0", "bytes=5-1", "bytes=99999999999999999999-", "bytes=a-b", "bytes=0-1,3-4", "items=0-1", "bytes=-99999999999999999999"];

/** Field names a zod object schema declares (through optional, default, pipe…); [] when it is not an object. */
function fieldNames(schema: unknown): string[] {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
  if (!def) return [];
  if (def.type === "object") return Object.keys(def.shape as object);
  if (def.type === "pipe") return fieldNames(def.in);
  if (["optional", "nullable", "default", "readonly", "catch", "prefault"].includes(def.type as string)) return fieldNames(def.innerType);
  return [];
}

const toSnake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const ROUTES = MLFLOW_ROUTES.map((route) => ({ ...route, fields: fieldNames(route.verb.input).map(toSnake) }));

interface TrpcProcedure {
  name: string;
  type: "query" | "mutation";
  fields: string[];
}

const PROCEDURES: TrpcProcedure[] = Object.entries(
  (appRouter as unknown as { _def: { procedures: Record<string, { _def: { type: "query" | "mutation"; inputs: unknown[] } }> } })._def.procedures,
).map(([name, procedure]) => ({ name, type: procedure._def.type, fields: fieldNames(procedure._def.inputs[0]) }));

/** Every MLflow route (as "METHODS path") and tRPC procedure the fuzzer aims at. */
export const FUZZ_TARGETS = [...ROUTES.map(routeTarget), ...PROCEDURES.map((p) => `trpc ${p.name}`)];

function routeTarget(route: (typeof ROUTES)[number]): string {
  return `${route.methods.join(",")} ${route.path}`;
}

// Routes and procedures are taken in turn (what is sent to each is random), so every one is hit.
let routeTurn = 0;
let procedureTurn = 0;

/** Starts the turns over: the same seed then sends the same requests. */
export function resetTurns(): void {
  routeTurn = 0;
  procedureTurn = 0;
}

export function nextFuzzRequest(rng: Random, fixtures: FuzzFixtures, size: Size): FuzzRequest {
  const request = anyFuzzRequest(rng, fixtures, size);
  // Now and then a browser's credentials, broken: every door reads them before its handler (auth on).
  if (rng.chance(0.05) && !request.headers.cookie) {
    const name = rng.pick(["metron_session", "metron_share", "metron_csrf"]);
    return { ...request, headers: { ...request.headers, cookie: `${name}=${hostileSegment(rng, fixtures)}`, "x-metron-share": rng.chance(0.3) ? "%zz" : "" } };
  }
  return request;
}

function anyFuzzRequest(rng: Random, fixtures: FuzzFixtures, size: Size): FuzzRequest {
  return rng.weighted<FuzzRequest>([
    [40, () => mlflowRequest(rng, fixtures, size)],
    [10, () => artifactRequest(rng, fixtures, size)],
    [6, () => downloadRequest(rng, fixtures)],
    [5, () => csvRequest(rng, fixtures)],
    [20, () => trpcRequest(rng, fixtures, size)],
    [3, () => pageRequest(rng, fixtures)],
    [8, () => requestLine(rng, fixtures)],
    [4, () => sessionRequest(rng, fixtures, size)],
    [1, () => oversizedRequest(rng)],
  ]);
}

function mlflowRequest(rng: Random, fixtures: FuzzFixtures, size: Size): FuzzRequest {
  const route = ROUTES[routeTurn++ % ROUTES.length];
  const method = rng.chance(0.85) ? rng.pick(route.methods) : rng.pick(ODD_METHODS);
  const path = route.path
    .split("/")
    .map((part) => {
      if (!part.startsWith(":")) return part;
      if (part.endsWith("*")) return Array.from({ length: rng.int(1, 3) }, () => hostileSegment(rng, fixtures)).join("/");
      return rng.chance(0.6) ? fixtures.loggedModelId : hostileSegment(rng, fixtures);
    })
    .join("/");
  const prefix = rng.pick(["/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/"]);
  return { ...withFields(rng, "mlflow", method, `${prefix}${path}`, hostileObject(rng, fixtures, size, 0, route.fields)), target: routeTarget(route) };
}

function artifactRequest(rng: Random, fixtures: FuzzFixtures, size: Size): FuzzRequest {
  const segments = () => Array.from({ length: rng.int(1, 4) }, () => (rng.chance(0.5) ? `f${rng.int(0, 9)}.txt` : hostileSegment(rng, fixtures))).join("/");
  const prefix = rng.pick(["/api/2.0/mlflow-artifacts/", "/ajax-api/2.0/mlflow-artifacts/"]);
  const method = rng.pick(["GET", "HEAD", "PUT", "DELETE", "POST", "PATCH", "TRACE"]);
  const endpoint = rng.weighted([
    [5, () => `artifacts/fuzz/${segments()}`],
    [2, () => `artifacts?path=${hostileSegment(rng, fixtures)}`],
    [3, () => `mpu/${rng.pick(["create", "complete", "abort", "nope"])}/fuzz/${segments()}`],
    [1, () => segments()],
  ]);
  const headers: Record<string, string> = rng.chance(0.3) ? { range: rng.pick(RANGES) } : {};
  if (method === "PUT") return { family: "artifacts", method, path: `${prefix}${endpoint}`, headers, body: Buffer.from(`fuzz ${rng.int(0, 1e9)}`) };
  const fields = hostileObject(rng, fixtures, size, 0, ["path", "upload_id", "parts", "num_parts", "part_number", "etag", "url"]);
  return withFields(rng, "artifacts", method, `${prefix}${endpoint}`, fields, headers);
}

function downloadRequest(rng: Random, fixtures: FuzzFixtures): FuzzRequest {
  const method = rng.pick(["GET", "GET", "HEAD", "POST", "TRACE"]);
  const query = (pairs: [string, string][]) => pairs.map(([k, v]) => `${k}=${v}`).join("&");
  const value = (real: string) => (rng.chance(0.5) ? percentEncode(real) : hostileSegment(rng, fixtures));
  const path = rng.chance(0.5)
    ? `/get-artifact?${query([["run_id", value(fixtures.runId)], ["path", value("a.txt")]])}`
    : `/model-versions/get-artifact?${query([["name", value(fixtures.modelName)], ["version", value(fixtures.modelVersion)], ["path", value("MLmodel")]])}`;
  return { family: "download", method, path, headers: rng.chance(0.4) ? { range: rng.pick(RANGES) } : {} };
}

function csvRequest(rng: Random, fixtures: FuzzFixtures): FuzzRequest {
  const id = rng.chance(0.5) ? fixtures.experimentId : hostileSegment(rng, fixtures);
  const params = ["filter", "order_by", "view", "page_size"]
    .filter(() => rng.chance(0.5))
    .map((key) => `${key}=${rng.chance(0.7) ? percentEncode(String(hostileValue(rng, fixtures, "short", 3)).slice(0, 2000)) : hostileSegment(rng, fixtures)}`);
  return { family: "csv", method: rng.pick(["GET", "GET", "POST", "HEAD"]), path: `/api/ui/experiments/${id}/runs.csv?${params.join("&")}`, headers: {} };
}

function trpcRequest(rng: Random, fixtures: FuzzFixtures, size: Size): FuzzRequest {
  const procedure = PROCEDURES[procedureTurn++ % PROCEDURES.length];
  const input = rng.chance(0.8) ? hostileObject(rng, fixtures, size, 0, procedure.fields) : hostileValue(rng, fixtures, size);
  const isBatch = rng.chance(0.2);
  const payload = isBatch ? { 0: input } : input;
  const path = `/api/trpc/${procedure.name}${isBatch ? "?batch=1" : ""}`;
  const method = rng.chance(0.9) ? (procedure.type === "query" ? "GET" : "POST") : rng.pick(ODD_METHODS);
  const target = `trpc ${procedure.name}`;
  if (method !== "GET") return { family: "trpc", target, method, path, headers: { "content-type": "application/json" }, body: hostileBody(rng, payload) };
  let text: string;
  try {
    text = JSON.stringify(payload) ?? "null";
  } catch {
    text = "{}";
  }
  // A query's input travels in the URL: keep it under Node's 16 KB header limit most of the time.
  const encoded = rng.chance(0.9) ? percentEncode(text.slice(0, 6000)) : hostileSegment(rng, fixtures);
  return { family: "trpc", target, method, path: `${path}${isBatch ? "&" : "?"}input=${encoded}`, headers: {} };
}

/** The portal's sign-in and sign-out (answered whether auth is on or off), and actions that do not exist. */
function sessionRequest(rng: Random, fixtures: FuzzFixtures, size: Size): FuzzRequest {
  const action = rng.pick(["sign-in", "sign-in", "sign-in", "sign-out", "sign-up", hostileSegment(rng, fixtures)]);
  const method = rng.chance(0.85) ? "POST" : rng.pick(ODD_METHODS);
  const fields = hostileObject(rng, fixtures, size, 0, ["username", "password"]);
  // Every sign-in under a name of its own: the failed-sign-in limiter counts per name, and the admin's must stay open.
  if (rng.chance(0.5)) fields.username = `fuzz-${rng.int(0, 1e9)}`;
  const headers: Record<string, string> = rng.chance(0.3) ? { cookie: `metron_session=${hostileSegment(rng, fixtures)}; metron_csrf=x`, "x-metron-csrf": "y" } : {};
  return withFields(rng, "session", method, `/api/auth/${action}`, fields, headers);
}

// A body one byte over the limit of the door it is sent to, declared in Content-Length: 413 before it is read.
const BODY_LIMITS: { path: string; limit: number }[] = [
  { path: "/api/2.0/mlflow/runs/log-batch", limit: 1_000_000 },
  { path: "/api/2.0/mlflow/runs/create", limit: 16 * 1024 * 1024 },
  { path: "/ajax-api/2.0/mlflow/experiments/search", limit: 16 * 1024 * 1024 },
  { path: "/api/trpc/account.tokens.create", limit: 16 * 1024 * 1024 },
  { path: "/api/auth/sign-in", limit: 16 * 1024 },
];

function oversizedRequest(rng: Random): FuzzRequest {
  return oversizedRequestFor(rng.pick(BODY_LIMITS), rng.int(0, 1000));
}

/** For each door with a body limit, a POST one byte over it. */
export const oversizedRequests = (): FuzzRequest[] => BODY_LIMITS.map((door) => oversizedRequestFor(door, 0));

function oversizedRequestFor({ path, limit }: (typeof BODY_LIMITS)[number], extra: number): FuzzRequest {
  // A JSON object that is valid but for its size: the refusal must come from the size alone.
  const body = Buffer.alloc(limit + 1 + extra, " ");
  body.write('{"pad":"');
  body.write('"}', body.length - 2);
  body.fill("x", 8, body.length - 2);
  return { family: "oversized", method: "POST", path, headers: { "content-type": "application/json" }, body, expectStatus: 413 };
}

function pageRequest(rng: Random, fixtures: FuzzFixtures): FuzzRequest {
  const id = () => (rng.chance(0.5) ? fixtures.experimentId : hostileSegment(rng, fixtures));
  const runId = rng.chance(0.5) ? fixtures.runId : hostileSegment(rng, fixtures);
  // A share link (/s/<token>) answers a browser with a redirect or a short text, so it is judged as a page.
  const path = rng.pick([`/experiments/${id()}`, `/experiments/${id()}/runs/${runId}`, "/", `/s/${hostileSegment(rng, fixtures)}`]);
  const query = rng.chance(0.5) ? `?filter=${hostileSegment(rng, fixtures)}&order_by=${hostileSegment(rng, fixtures)}` : "";
  return { family: "page", method: rng.pick(["GET", "GET", "HEAD", "POST", "TRACE"]), path: `${path}${query}`, headers: {} };
}

function requestLine(rng: Random, fixtures: FuzzFixtures): FuzzRequest {
  const base = rng.pick(["/api/2.0/mlflow/", "/ajax-api/2.0/mlflow/", "/api/2.0/mlflow-artifacts/artifacts/", "/api/trpc/", "/api/ui/experiments/", "/get-artifact/", "/health/", "/api/", "/experiments/", "/"]);
  const tail = Array.from({ length: rng.int(1, 4) }, () => hostileSegment(rng, fixtures)).join(rng.pick(["/", "/", "\\", "//"]));
  return { family: "request-line", method: rng.pick(ODD_METHODS), path: `${base}${tail}`, headers: {} };
}

/** Fields in the query string (GET, HEAD) or as a JSON body, sometimes damaged or with the wrong content type. */
function withFields(
  rng: Random,
  family: FuzzRequest["family"],
  method: string,
  path: string,
  fields: Record<string, unknown>,
  headers: Record<string, string> = {},
): FuzzRequest {
  if (method === "GET" || method === "HEAD") {
    const pairs = Object.entries(fields).map(([key, value]) => {
      const text = typeof value === "string" ? value : safeStringify(value);
      return `${percentEncode(key)}=${rng.chance(0.9) ? percentEncode(text.slice(0, 3000)) : hostileSegment(rng, { experimentId: "0", runId: "r", modelName: "m", modelVersion: "1", loggedModelId: "m-1" })}`;
    });
    // Under 8 KB: Next's 308 for a trailing or doubled slash repeats the URL in two headers, and
    // clients refuse response headers over 16 KB (Node's limit on both sides).
    return { family, method, path: `${path}${path.includes("?") ? "&" : "?"}${pairs.join("&")}`.slice(0, 7_500), headers };
  }
  const contentType = rng.weighted([
    [18, () => "application/json"],
    [1, () => "text/plain"],
    [1, () => "application/json; charset=latin1"],
  ]);
  return { family, method, path, headers: { ...headers, "content-type": contentType }, body: hostileBody(rng, fields) };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "null";
  } catch {
    return "[]";
  }
}
