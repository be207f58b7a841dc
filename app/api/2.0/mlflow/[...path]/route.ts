import { webHandler } from "@/server/rest/http/web-edge";
import { serveMlflowRequest } from "@/server/rest/mlflow/handler";

// The MLflow tracking API. /ajax-api/2.0/mlflow/… re-exports these handlers: one route table serves both.
// The custom server usually answers these paths itself (server/rest/http/node-router.ts); this
// route serves them under `next dev` and whatever the fast path leaves to Next.
const handle = webHandler(serveMlflowRequest);

export { handle as GET, handle as POST, handle as PATCH, handle as DELETE, handle as PUT };
