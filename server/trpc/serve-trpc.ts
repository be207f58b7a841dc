import { isUtf8 } from "node:buffer";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { RestReply, RestRequest } from "../rest/http/exchange";
import { invalidUtf8Body } from "../rest/http/strict-utf8";
import { errorReply } from "../rest/http/error-reply";
import { trackingDisabledReply } from "../rest/server-mode";
import { readCallerOf } from "../auth/read-caller";
import { requestPrincipal } from "../auth/request-gate";
import { MlflowError, PayloadTooLarge } from "../mlflow-error";
import { RateLimitExceeded } from "../services/quotas/quota-errors";
import { appRouter } from "./app-router";
import { createTrpcContext, toTrpcError } from "./init";

/** The request headers tRPC's fetch adapter reads (RestRequest has no header listing). */
/** The UI's largest input (a dashboard, a run's note) is far below this; the limit keeps a huge body out of memory. */
const MAX_BODY_BYTES = 16 * 1024 * 1024;

const TRPC_HEADERS = ["content-type", "accept", "trpc-accept", "last-event-id", "authorization", "cookie", "x-metron-csrf"];

/**
 * One tRPC request, answered at either door: the Next route file and the custom server's fast
 * path (node-router.ts), which spares chart and table queries Next's per-request cost.
 */
export async function serveTrpcRequest(req: RestRequest): Promise<RestReply> {
  const refused = trackingDisabledReply(req.url.pathname);
  if (refused) return refused;
  // tRPC decodes bodies leniently (U+FFFD for bad bytes): the bytes are checked first, as REST's are.
  const declared = Number(req.header("content-length") ?? "0");
  if (req.method === "POST" && declared > MAX_BODY_BYTES) return errorReply(new PayloadTooLarge(declared, MAX_BODY_BYTES));
  const body = req.method === "POST" ? await req.readBody() : undefined;
  if (body && body.byteLength > MAX_BODY_BYTES) return errorReply(new PayloadTooLarge(body.byteLength, MAX_BODY_BYTES));
  if (body && !isUtf8(body)) return errorReply(invalidUtf8Body());
  const headers = new Headers();
  for (const name of TRPC_HEADERS) {
    const value = req.header(name);
    if (value !== null) headers.set(name, value);
  }
  const request = new Request(req.url, { method: req.method, headers, body: body && new Uint8Array(body), signal: req.signal });
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    // The door's refusal (a token past its rate) fails every call of the request, in tRPC's shape.
    createContext: () => {
      try {
        const principal = requestPrincipal(req);
        return createTrpcContext({ req: request, principal, readCaller: readCallerOf(req, principal) });
      } catch (err) {
        throw err instanceof MlflowError ? toTrpcError(err) : err;
      }
    },
    responseMeta: ({ errors }) => {
      const limited = errors.find((e) => e.cause instanceof RateLimitExceeded)?.cause as RateLimitExceeded | undefined;
      return limited ? { headers: { "retry-after": String(limited.retryAfterSeconds) } } : {};
    },
    allowMethodOverride: true,
  });
  const replyHeaders: Record<string, string> = {};
  res.headers.forEach((value, name) => (replyHeaders[name] = value));
  // tRPC labels some of its JSON errors text/plain (415 for a body that is not JSON): say what they are.
  if (res.status >= 400) replyHeaders["content-type"] = "application/json";
  return { status: res.status, headers: replyHeaders, body: await res.text() };
}
