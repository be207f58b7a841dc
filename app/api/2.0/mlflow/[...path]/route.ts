import { handleMlflowRequest } from "@/server/rest/mlflow/handler";

type Params = { params: Promise<{ path: string[] }> };

// The MLflow tracking API. /ajax-api/2.0/mlflow/… re-exports these handlers: one route table serves both.
async function handle(req: Request, { params }: Params) {
  return handleMlflowRequest(req, (await params).path);
}

export { handle as GET, handle as POST, handle as PATCH, handle as DELETE, handle as PUT };
