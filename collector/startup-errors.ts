import { ApiError, UnreachableError } from "./client.js";
import { CollectorExit, EXIT_CODES } from "./exit-codes.js";

/**
 * Turns a failure of a start-up call (before any sampling) into a one-line message and a
 * documented exit code. `notFound` words RESOURCE_DOES_NOT_EXIST for the thing being looked up.
 */
export function explainStartupError(err: unknown, baseUrl: string, notFound: string): CollectorExit {
  if (err instanceof CollectorExit) return err;
  if (err instanceof UnreachableError) {
    return new CollectorExit(EXIT_CODES.serverUnusable, `cannot reach the tracking server at ${baseUrl} (${err.message})`);
  }
  if (err instanceof ApiError) {
    if (err.status === 401 || err.status === 403) {
      return new CollectorExit(
        EXIT_CODES.credentialsRejected,
        `the tracking server at ${baseUrl} rejected the credentials (HTTP ${err.status}: ${err.message}); ` +
          "check MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD",
      );
    }
    if (err.errorCode === "RESOURCE_DOES_NOT_EXIST") return new CollectorExit(EXIT_CODES.notFound, notFound);
    if (err.status === 404) {
      return new CollectorExit(EXIT_CODES.serverUnusable, `${baseUrl} does not answer like an MLflow tracking server (HTTP 404: ${err.message})`);
    }
    return new CollectorExit(EXIT_CODES.failed, `the tracking server at ${baseUrl} answered HTTP ${err.status}: ${err.message}`);
  }
  return new CollectorExit(EXIT_CODES.failed, `unexpected error: ${err instanceof Error ? err.message : String(err)}`);
}

/** Runs a start-up call, explaining its failure. */
export async function atStartup<T>(call: () => Promise<T>, baseUrl: string, notFound: string): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw explainStartupError(err, baseUrl, notFound);
  }
}
