import type { IncomingMessage, ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { getConfig } from "../../env";
import { FAST_PATH_MOUNTS, serveMount, type RestMount } from "../mounts";
import { internalErrorReply, logUnexpected } from "./error-reply";
import { fromNodeRequest, writeNodeReply } from "./node-edge";
import { malformedRequestResponse, screenRequest } from "./request-screen";

export { rejectForeignHost } from "./host-check";
export { withExactLength } from "./exact-length";
export { closeServices } from "../../services/context";
// The access log covers Next's requests too; start-server.mjs reaches it through this bundle.
export { createAccessLog } from "../../access-log";
// Request ids and /metrics counts, for every request too.
export { observeRequest } from "../../observability/request-observer";

/** How long a stop waits for requests in flight: METRON_DRAIN_TIMEOUT, validated with the rest of the configuration. */
export const drainTimeoutMs = (): number => getConfig().drainTimeoutSeconds * 1000;

// The custom server's fast path: mounts with a `fastPath` (server/rest/mounts.ts, the bulk REST endpoints)
// are answered straight from Node's request, skipping Next's router (~7 ms CPU per log-batch). Their Next
// route files serve the same mounts under `next dev`.

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

/** The mount serving this request line on the fast path, or undefined when Next should serve it (exported for tests). */
export function findFastRoute(method: string, url: string): RestMount | undefined {
  const query = url.indexOf("?");
  const pathname = query === -1 ? url : url.slice(0, query);
  const mount = FAST_PATH_MOUNTS.find((m) => m.fastPath?.test(pathname));
  return mount && (mount.serves as readonly string[]).includes(method) && isPlainPath(pathname) ? mount : undefined;
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
  const route = findFastRoute(req.method ?? "", req.url ?? "");
  if (!route) return false;
  serve(route, req, res).catch((err) => {
    // The handlers map their own errors; this is the last resort, still in MLflow's JSON.
    logUnexpected(err, req.method, req.url);
    if (res.headersSent) res.end();
    else writeNodeReply(res, internalErrorReply()).catch(() => res.destroy());
  });
  return true;
}

const NOT_FOUND_PAGE = "/_metron/not-found";

/** Node's HTTP parser refused a request (start-server.mjs's clientError): answer JSON rather than Node's empty 400. */
export function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  // As Node's own handler: answer only when no earlier response on this connection has begun.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (err.code !== "ECONNRESET" && socket.writable && !inFlight?.headersSent) socket.write(malformedRequestResponse(err.code));
  socket.destroy();
}

async function serve(mount: RestMount, req: IncomingMessage, res: ServerResponse): Promise<void> {
  await writeNodeReply(res, await serveMount(mount, fromNodeRequest(req, res)));
}
