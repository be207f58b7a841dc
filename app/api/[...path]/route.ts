import { webHandler } from "@/server/rest/http/web-edge";
import { serveUnknownEndpoint } from "@/server/rest/mlflow/handler";

// Anything under /api that no other route serves: MLflow clients expect a JSON 404 they can read.
const handle = webHandler(serveUnknownEndpoint);

export { handle as GET, handle as POST, handle as PATCH, handle as DELETE, handle as PUT };
