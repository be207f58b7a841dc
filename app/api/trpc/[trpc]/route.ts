import { refuseMethodsExcept, webHandler } from "@/server/rest/http/web-edge";
import { serveTrpcRequest } from "@/server/trpc/serve-trpc";

// Queries with long inputs (chart series, compared run ids) come as POST: see providers.tsx.
// The custom server answers these paths on its fast path (node-router.ts); this serves `next dev`.
const handle = webHandler(serveTrpcRequest);
const refuse = refuseMethodsExcept(["GET", "POST"]);

export { handle as GET, handle as POST, refuse as PUT, refuse as PATCH, refuse as DELETE };
