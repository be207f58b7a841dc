import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/trpc/app-router";
import { foreignHostRefusal } from "@/server/rest/http/host-check";
import { toWebResponse } from "@/server/rest/http/web-edge";
import { trackingDisabledReply } from "@/server/rest/server-mode";
import { createTrpcContext } from "@/server/trpc/init";

function handle(req: Request) {
  const pathname = new URL(req.url).pathname;
  const refused = foreignHostRefusal(pathname, req.headers.get("host")) ?? trackingDisabledReply(pathname);
  if (refused) return toWebResponse(refused);
  return fetchRequestHandler({ endpoint: "/api/trpc", req, router: appRouter, createContext: createTrpcContext });
}

export { handle as GET, handle as POST };
