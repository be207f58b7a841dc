import { handleArtifactProxyRequest } from "@/server/rest/artifacts/proxy-handler";

// The artifact proxy: raw bytes streamed to and from the artifact destination. The handler reads
// the artifact path from the raw URL itself (decoded once, there), not from Next's decoded params.
// /ajax-api/2.0/mlflow-artifacts/… re-exports these handlers.
function handle(req: Request) {
  return handleArtifactProxyRequest(req);
}

export { handle as GET, handle as HEAD, handle as PUT, handle as POST, handle as DELETE, handle as PATCH };
