import { webHandler } from "@/server/rest/http/web-edge";
import { serveUnknownEndpoint } from "@/server/rest/mlflow/handler";

// Below an endpoint path nothing is served: a JSON 404 for API clients, not Next's HTML page.
const handle = webHandler(serveUnknownEndpoint);

export { handle as GET, handle as POST, handle as PATCH, handle as DELETE, handle as PUT };
