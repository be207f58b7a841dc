import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { log } from "../../log";
import { serveGetArtifact, serveModelVersionArtifact } from "../artifacts/get-artifact-handler";
import { serveArtifactProxy } from "../artifacts/proxy-handler";
import { serveHealth } from "../health";
import { serveMlflowRequest } from "../mlflow/handler";
import { serveTrpcRequest } from "../../trpc/serve-trpc";
import type { RestReply, RestRequest } from "./exchange";
import { fromNodeRequest, writeNodeReply } from "./node-edge";
import { malformedRequestResponse, screenRequest } from "./request-screen";

export { rejectForeignHost } from "./host-check";
// The access log covers Next's requests too; start-server.mjs reaches it through this bundle.
export { createAccessLog } from "../../access-log";

// The custom server's fast path (server/cli/start-server.mjs): the REST endpoints that clients call
// in bulk are answered here, straight from Node's request, without Next's router and its per-request
// cost (~7 ms CPU for a log-batch), and the UI's tRPC queries. Same handlers as the Next route files, which serve everything
// else and these same paths under `next dev`.

interface FastRoute {
  path: RegExp;
  /** The methods the matching Next route file exports; any other (OPTIONS, …) is Next's to answer. */
  methods: ReadonlySet<string>;
  serve: (req: RestRequest) => Promise<RestReply>;
}

const FAST_ROUTES: FastRoute[] = [
  { path: /^\/(?:api|ajax-api)\/2\.0\/mlflow\/./, methods: new Set(["GET", "POST", "PATCH", "DELETE", "PUT"]), serve: serveMlflowRequest },
  {
    path: /^\/(?:api|ajax-api)\/2\.0\/mlflow-artifacts\/./,
    methods: new Set(["GET", "HEAD", "PUT", "POST", "DELETE", "PATCH"]),
    serve: serveArtifactProxy,
  },
  { path: /^\/get-artifact$/, methods: new Set(["GET", "HEAD"]), serve: serveGetArtifact },
  { path: /^\/model-versions\/get-artifact$/, methods: new Set(["GET", "HEAD"]), serve: serveModelVersionArtifact },
  { path: /^\/health$/, methods: new Set(["GET"]), serve: serveHealth },
  // The UI's queries (a chart's series, a table page) cost little; Next's router would double it.
  { path: /^\/api\/trpc\/./, methods: new Set(["GET", "POST"]), serve: serveTrpcRequest },
];

/**
 * Paths Next would redirect (a trailing or doubled slash), normalise (dot segments, backslashes,
 * characters the URL parser escapes) or refuse (malformed percent-encoding) stay with Next, so that
 * every such answer stays exactly what it was. Clients send plain paths; those come here.
 */
const PLAIN_PATH = /^(?:\/[A-Za-z0-9\-._~!$&'()*+,;=:@%]+)+$/;
const DOT_SEGMENT = /\/(?:\.|%2e){1,2}(?:\/|$)/i;

function isPlainPath(pathname: string): boolean {
  if (!PLAIN_PATH.test(pathname) || DOT_SEGMENT.test(pathname)) return false;
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

/** The fast route serving this request line, or undefined when Next should serve it (exported for tests). */
export function findFastRoute(method: string, url: string): FastRoute | undefined {
  const query = url.indexOf("?");
  const pathname = query === -1 ? url : url.slice(0, query);
  const route = FAST_ROUTES.find((r) => r.path.test(pathname));
  return route && route.methods.has(method) && isPlainPath(pathname) ? route : undefined;
}

/**
 * Answers the request when request-screen.ts refuses it or it is one of the fast-path endpoints,
 * and returns true; returns false for everything Next should serve (an undecodable page address
 * is first pointed at a path with no page, for Next's 404 page).
 */
export function handleRestRequest(req: IncomingMessage, res: ServerResponse): boolean {
  const screening = screenRequest(req.method ?? "", req.url ?? "");
  if (screening.verdict === "refuse") {
    writeNodeReply(res, screening.reply).catch(() => res.destroy());
    return true;
  }
  // Next answers an address it cannot decode with a bare 500; a path no page has gets its 404 page.
  if (screening.verdict === "not-found-page") req.url = NOT_FOUND_PAGE;
  if (isSentToNextDoor(req)) return false;
  const route = findFastRoute(req.method ?? "", req.url ?? "");
  if (!route) return false;
  serve(route, req, res).catch((err) => {
    // The handlers map their own errors; this is the last resort, still in MLflow's JSON.
    logUnexpected(err, req);
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" });
    res.end(JSON.stringify({ error_code: "INTERNAL_ERROR", message: "Internal server error." }));
  });
  return true;
}

const NOT_FOUND_PAGE = "/_metron/not-found";

// Tests compare both doors on one server: with METRON_TEST_NEXT_DOOR=1 (set only by the test
// server), a request carrying `x-metron-door: next` skips the fast path for Next's route files.
const NEXT_DOOR_FOR_TESTS = process.env.METRON_TEST_NEXT_DOOR === "1";
const isSentToNextDoor = (req: IncomingMessage) => NEXT_DOOR_FOR_TESTS && req.headers["x-metron-door"] === "next";

/** Node's HTTP parser refused a request (start-server.mjs's clientError): answer JSON rather than Node's empty 400. */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // As Node's own handler: answer only when no earlier response on this connection has begun.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code !== "ECONNRESET" && socket.writable && !inFlight?.headersSent) socket.write(malformedRequestResponse(err.code));
  socket.destroy();
}

async function serve(route: FastRoute, req: IncomingMessage, res: ServerResponse): Promise<void> {
  await writeNodeReply(res, await route.serve(fromNodeRequest(req, res)));
}

function logUnexpected(err: unknown, req: IncomingMessage): void {
  try {
    log().error({ err, method: req.method, path: req.url }, "unexpected error");
  } catch {
    console.error(err); // no logger without a valid configuration
  }
}
