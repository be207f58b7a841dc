import { isUtf8 } from "node:buffer";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/trpc/app-router";
import { foreignHostRefusal } from "@/server/rest/http/host-check";
import { invalidUtf8Body } from "@/server/rest/http/strict-utf8";
import { refuseMethodsExcept, toWebResponse } from "@/server/rest/http/web-edge";
import { errorReply } from "@/server/rest/mlflow/handler";
import { trackingDisabledReply } from "@/server/rest/server-mode";
import { createTrpcContext } from "@/server/trpc/init";

// Queries with long inputs (chart series, compared run ids) come as POST: see providers.tsx.
async function handle(req: Request) {
  const pathname = new URL(req.url).pathname;
  const refused = foreignHostRefusal(pathname, req.headers.get("host")) ?? trackingDisabledReply(pathname);
  if (refused) return toWebResponse(refused);
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

const refuse = refuseMethodsExcept(["GET", "POST"]);

export { handle as GET, handle as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
