import { log } from "../../log";
import type { ArtifactDownload } from "../../services/artifacts/model";
import { downloadResponse } from "../artifacts/download-response";
import { getServiceContext } from "../../services/context";
import { MlflowError, toMlflowError } from "../../services/errors";
import { invokeVerb } from "../../services/verb";
import { trackingDisabledResponse } from "../server-mode";
import { wireFieldName } from "./case";
import { readMlflowRequest } from "./request";
import { findRoute } from "./routes";
import { toWire } from "./to-wire";

/**
 * Serves one MLflow REST call: find the route, read the wire request, run the service verb, and
 * write the result — or the error, mapped here once — as MLflow's JSON.
 */
export async function handleMlflowRequest(req: Request, pathSegments: string[]): Promise<Response> {
  const path = pathSegments.join("/");
  const disabled = trackingDisabledResponse(req);
  if (disabled) return disabled;
  try {
    const match = findRoute(path, req.method);
    if (!match) throw endpointNotFound(req, path);
    if (!match.route) {
      return errorResponse(
        new MlflowError("ENDPOINT_NOT_FOUND", `Method ${req.method} is not allowed for ${path}; use ${match.allowedMethods.join(" or ")}.`),
        405,
      );
    }
    // Fields named by the URL path (a model id) win over the same fields in the body.
    const fields = { ...(await readMlflowRequest(req, match.route.maxBodyBytes)), ...match.pathFields };
    const ctx = await getServiceContext();
    if (match.route.isDownload) {
      return downloadResponse(await invokeVerb(match.route.verb, ctx, { ...fields, range: req.headers.get("range") }) as ArtifactDownload, req.method);
    }
    return jsonResponse(toWire(await invokeVerb(match.route.verb, ctx, fields)), 200);
  } catch (err) {
    return errorResponse(toWireError(err, req));
  }
}

/** Any thrown value as the MlflowError to send, in wire (snake_case) terms; unexpected ones are logged. */
export function toWireError(err: unknown, req: Request): MlflowError {
  return toMlflowError(err, {
    fieldName: wireFieldName,
    onUnexpected: (cause) => log().error({ err: cause, method: req.method, path: new URL(req.url).pathname }, "unexpected error"),
  });
}

export function endpointNotFound(req: Request, path: string): MlflowError {
  return new MlflowError("ENDPOINT_NOT_FOUND", `No API endpoint found for ${req.method} ${new URL(req.url).pathname}`);
}

export function errorResponse(error: MlflowError, status = error.httpStatus): Response {
  return jsonResponse({ error_code: error.code, message: error.message }, status);
}

export function jsonResponse(body: unknown, status: number): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}
