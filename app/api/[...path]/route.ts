import { endpointNotFound, errorResponse } from "@/server/rest/mlflow/handler";

// Anything under /api that no other route serves: MLflow clients expect a JSON 404 they can read.
function handle(req: Request) {
  return errorResponse(endpointNotFound(req, ""));
}

export { handle as GET, handle as POST, handle as PATCH, handle as DELETE, handle as PUT };
