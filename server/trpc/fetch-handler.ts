import { isUtf8 } from "node:buffer";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { errorReply } from "../rest/http/error-reply";
import { invalidUtf8Body } from "../rest/http/strict-utf8";
import { toWebResponse } from "../rest/http/web-edge";
import { trackingDisabledReply } from "../rest/server-mode";
import { appRouter } from "./app-router";
import { createTrpcContext } from "./init";

/** The tRPC API (/api/trpc/…) as a web handler. Long query inputs (chart series, compared run ids) come as POST: see providers.tsx. */
export async function serveTrpc(req: Request): Promise<Response> {
  const disabled = trackingDisabledReply(new URL(req.url).pathname);
  if (disabled) return toWebResponse(disabled);
  const checked = await withUtf8Body(req);
  if (!checked) return toWebResponse(errorReply(invalidUtf8Body()));
  const res = await fetchRequestHandler({ endpoint: "/api/trpc", req: checked, router: appRouter, createContext: createTrpcContext, allowMethodOverride: true });
  // tRPC labels some of its JSON errors text/plain (415 for a body that is not JSON): say what they are.
  if (res.status < 400 || res.headers.get("content-type")?.startsWith("application/json")) return res;
  const headers = new Headers(res.headers);
  headers.set("content-type", "application/json");
  return new Response(res.body, { status: res.status, headers });
}

/** tRPC decodes bodies leniently (U+FFFD for bad bytes): the bytes are checked first, as REST's are. */
async function withUtf8Body(req: Request): Promise<Request | undefined> {
  if (req.method !== "POST") return req;
  const bytes = new Uint8Array(await req.arrayBuffer());
  if (!isUtf8(bytes)) return undefined;
  return new Request(req.url, { method: req.method, headers: req.headers, body: bytes, signal: req.signal });
}
