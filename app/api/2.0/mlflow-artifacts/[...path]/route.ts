import { serveArtifactProxy } from "@/server/rest/artifacts/proxy-handler";
import { webHandler } from "@/server/rest/http/web-edge";

// The artifact proxy: raw bytes streamed to and from the artifact destination. The handler reads
// the artifact path from the raw URL itself (decoded once, there), not from Next's decoded params.
// /ajax-api/2.0/mlflow-artifacts/… re-exports these handlers. As for the tracking API, the custom
// server usually answers these paths itself (server/rest/http/node-router.ts).
const handle = webHandler(serveArtifactProxy);

export { handle as GET, handle as HEAD, handle as PUT, handle as POST, handle as DELETE, handle as PATCH };
