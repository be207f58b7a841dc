import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/trpc/app-router";
import { refuseMethodsExcept, toWebResponse } from "@/server/rest/http/web-edge";
import { trackingDisabledReply } from "@/server/rest/server-mode";
import { createTrpcContext } from "@/server/trpc/init";

function handle(req: Request) {
  const disabled = trackingDisabledReply(new URL(req.url).pathname);
  if (disabled) return toWebResponse(disabled);
  return fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: createTrpcContext });
}

const refuse = refuseMethodsExcept(["GET", "POST"]);

export { handle as GET, handle as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
