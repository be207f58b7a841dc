import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/trpc/app-router";
import { trackingDisabledResponse } from "@/server/rest/server-mode";
import { createTrpcContext } from "@/server/trpc/init";

function handle(req: Request) {
  return trackingDisabledResponse(req) ?? fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: createTrpcContext });
}

export { handle as GET, handle as POST };
