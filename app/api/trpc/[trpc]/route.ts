import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/trpc/app-router";
import { refuseMethodsExcept, toWebResponse } from "@/server/rest/http/web-edge";
import { trackingDisabledReply } from "@/server/rest/server-mode";
import { createTrpcContext } from "@/server/trpc/init";

async function handle(req: Request) {
  const disabled = trackingDisabledReply(new URL(req.url).pathname);
  if (disabled) return toWebResponse(disabled);
  const res = await fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: createTrpcContext });
  // tRPC labels some of its JSON errors text/plain (415 for a body that is not JSON): say what they are.
  if (res.status < 400 || res.headers.get("content-type")?.startsWith("application/json")) return res;
  const headers = new Headers(res.headers);
  headers.set("content-type", "application/json");
  return new Response(res.body, { status: res.status, headers });
}

const refuse = refuseMethodsExcept(["GET", "POST"]);

export { handle as GET, handle as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
