import { log } from "../../log";
import { MlflowError, toMlflowError } from "../../services/errors";
import { RateLimitExceeded } from "../../services/quotas/quota-errors";
import { wireFieldName } from "../mlflow/case";
import { jsonReply, type RestReply, type RestRequest } from "./exchange";

// The one writer of MLflow's JSON error body, for every REST handler (tracking API, artifacts,
// CSV, tRPC's UTF-8 check) and for the refusals made before any handler runs.

export function errorReply(error: MlflowError, status = error.httpStatus): RestReply {
  const reply = jsonReply({ error_code: error.code, message: error.message }, status);
  // MLflow's clients honour Retry-After: a second, rather than their exponential backoff (up to 32 s).
  if (error.code === "TEMPORARILY_UNAVAILABLE") reply.headers["retry-after"] = "1";
  if (error instanceof RateLimitExceeded) reply.headers["retry-after"] = String(error.retryAfterSeconds);
  return reply;
}

/** Any thrown value as the MlflowError to send, in wire (snake_case) terms; unexpected ones are logged. */
export function toWireError(err: unknown, req: Pick<RestRequest, "method" | "url">): MlflowError {
  return toMlflowError(err, {
    fieldName: wireFieldName,
    onUnexpected: (cause) => logUnexpected(cause, req.method, req.url.pathname),
  });
}

/** The last resort for an error no handler mapped: logged, answered as MLflow's generic 500. */
export function internalErrorReply(): RestReply {
  return errorReply(new MlflowError("INTERNAL_ERROR", "Internal server error."));
}

export function logUnexpected(err: unknown, method: string | undefined, path: string | undefined): void {
  try {
    log().error({ err, method, path }, "unexpected error");
  } catch {
    console.error(err); // no logger without a valid configuration
  }
}

export function endpointNotFound(req: Pick<RestRequest, "method" | "url">): MlflowError {
  return new MlflowError("ENDPOINT_NOT_FOUND", `No API endpoint found for ${req.method} ${req.url.pathname}`);
}

/** Anything under an API prefix that no other route serves: MLflow clients expect a JSON 404 they can read. */
export async function serveUnknownEndpoint(req: RestRequest): Promise<RestReply> {
  return errorReply(endpointNotFound(req));
}

/** MLflow's JSON 405, with the methods the path does serve. */
export function methodNotAllowedReply(method: string, allowed: readonly string[]): RestReply {
  const reply = errorReply(new MlflowError("ENDPOINT_NOT_FOUND", `Method ${method.slice(0, 32)} is not allowed; use one of ${allowed.join(", ")}.`), 405);
  reply.headers.allow = allowed.join(", ");
  return reply;
}
