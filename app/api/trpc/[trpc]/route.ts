import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/trpc/app-router";
import { toWebResponse } from "@/server/rest/http/web-edge";
import { trackingDisabledReply } from "@/server/rest/server-mode";
import { createTrpcContext } from "@/server/trpc/init";

function handle(req: Request) {
  const disabled = trackingDisabledReply(new URL(req.url).pathname);
  if (disabled) return toWebResponse(disabled);
  // Queries with long inputs (chart series, compared run ids) come as POST: see providers.tsx.
  return fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: createTrpcContext, allowMethodOverride: true });
}

export { handle as GET, handle as POST };
