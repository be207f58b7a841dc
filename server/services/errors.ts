import { ZodError } from "zod";
import { findInCauseChain } from "../db/cause-chain";
import { findDatabaseUnavailable } from "../db/unavailable";
import { isDatabaseUnreachable } from "../db/connection-loss";
import { invalidParameter, MlflowError } from "../mlflow-error";

export { doesNotExist, HTTP_STATUS_BY_ERROR_CODE, invalidParameter, MAX_MESSAGE_LENGTH, MlflowError, PayloadTooLarge, type ErrorCode } from "../mlflow-error";

/** The database cannot be reached right now (see server/db/connection-loss.ts): clients retry a 503. */
export const databaseUnavailable = () =>
  new MlflowError("TEMPORARILY_UNAVAILABLE", "The database is temporarily unreachable; retry the request shortly.");

const API_DOCS_HINT = "See the API docs for more information about request parameters.";

/**
 * Turns any thrown value into an MlflowError. Validation failures name the offending field
 * (through `fieldName`, so REST can speak snake_case); anything unexpected becomes a generic
 * INTERNAL_ERROR and `onUnexpected` receives the cause for the log.
 */
export function toMlflowError(
  err: unknown,
  options: { fieldName?: (path: PropertyKey[]) => string; onUnexpected?: (err: unknown) => void } = {},
): MlflowError {
  if (err instanceof MlflowError) return err;
  if (err instanceof ZodError) return fromZodError(err, options.fieldName ?? ((p) => p.join(".")));
  const unavailable = findDatabaseUnavailable(err);
  if (unavailable) return new MlflowError("TEMPORARILY_UNAVAILABLE", unavailable.message);
  if (isDatabaseUnreachable(err)) return databaseUnavailable();
  const refused = dataExceptionMessage(err);
  if (refused !== undefined) return invalidParameter(`Invalid parameter value: ${refused}.`);
  options.onUnexpected?.(err);
  return new MlflowError("INTERNAL_ERROR", "Internal server error. The cause has been logged on the server.");
}

/**
 * SQLSTATE class 22 (value too long, NUL, out of range) means the request carried a value the database
 * cannot store; every value is a bound parameter, so it is bad input: a 400, never a 5xx clients retry
 * for minutes. Drizzle wraps the driver's error, hence `cause`.
 */
function dataExceptionMessage(err: unknown): string | undefined {
  const found = findInCauseChain(err, (e) => {
    const { code } = e as { code?: unknown };
    return e instanceof Error && typeof code === "string" && code.startsWith("22");
  });
  return (found as Error | undefined)?.message;
}

function fromZodError(err: ZodError, fieldName: (path: PropertyKey[]) => string): MlflowError {
  const issue = err.issues[0];
  const name = fieldName(issue.path);
  const isMissing =
    issue.input === undefined ||
    issue.input === null ||
    (issue.code === "too_small" && issue.origin === "string" && issue.minimum === 1 && issue.input === "");
  if (isMissing) return invalidParameter(`Missing value for required parameter '${name}'. ${API_DOCS_HINT}`);
  const shown = issue.input === undefined ? "" : ` ${safeJson(issue.input)}`;
  return invalidParameter(`Invalid value${shown} for parameter '${name}' supplied: ${issue.message}. ${API_DOCS_HINT}`);
}

function safeJson(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
