import { fromWebStream, toWebStream } from "../../artifacts/web-streams";
import { isStreamBody, type RestReply, type RestRequest } from "./exchange";
import { foreignHostRefusal } from "./host-check";
import { methodNotAllowedReply } from "./request-screen";

/**
 * Next drops Content-Length from route-handler responses (it cannot tell whether a body was
 * re-encoded). A streamed file's exact length travels under this header instead, and our custom
 * server (server/cli/start-server.mjs) turns it back into Content-Length.
 */
const EXACT_LENGTH_HEADER = "x-metron-content-length";

/** A REST handler as a Next route handler: web Request in, web Response out. */
export function webHandler(serve: (req: RestRequest) => Promise<RestReply>): (req: Request) => Promise<Response> {
  return async (req) => {
    const refused = foreignHostRefusal(new URL(req.url).pathname, req.headers.get("host"));
    return toWebResponse(refused ?? (await serve(fromWebRequest(req))));
  };
}

/**
 * The handler a route file exports for the methods it does not serve: Next would answer an empty
 * 405, clients of an API path get MLflow's JSON one.
 */
export function refuseMethodsExcept(allowed: readonly string[]): (req: Request) => Promise<Response> {
  return webHandler(async (req) => methodNotAllowedReply(req.method, allowed));
}

export function fromWebRequest(req: Request): RestRequest {
  return {
    method: req.method,
    url: new URL(req.url),
    header: (name) => req.headers.get(name),
    readBody: async () => new Uint8Array(await req.arrayBuffer()),
    bodyStream: () => fromWebStream(req.body),
    isAborted: () => req.signal.aborted,
    signal: req.signal,
  };
}

export function toWebResponse(reply: RestReply): Response {
  const headers = new Headers(reply.headers);
  const length = headers.get("content-length");
  if (length !== null && isStreamBody(reply.body)) {
    headers.delete("content-length");
    headers.set(EXACT_LENGTH_HEADER, length);
  }
  const body = isStreamBody(reply.body) ? toWebStream(reply.body) : Array.isArray(reply.body) ? reply.body.join("") : reply.body;
  return new Response(body, { status: reply.status, headers });
}
