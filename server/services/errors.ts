import { ZodError } from "zod";
import { findInCauseChain } from "../db/cause-chain";
import { findDatabaseUnavailable } from "../db/unavailable";
import { isDatabaseUnreachable } from "../db/connection-loss";

/**
 * MLflow's error codes and the HTTP status each maps to (RESOURCE_ALREADY_EXISTS is 400, as in MLflow).
 * INVALID_STATE is 400, not MLflow's 500: the request can never succeed, and clients retry every 5xx.
 */
export const HTTP_STATUS_BY_ERROR_CODE = {
  INVALID_PARAMETER_VALUE: 400,
  BAD_REQUEST: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  ALREADY_EXISTS: 409,
  RESOURCE_CONFLICT: 409,
  ABORTED: 409,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  NOT_FOUND: 404,
  PERMISSION_DENIED: 403,
  UNAUTHENTICATED: 401,
  CUSTOMER_UNAUTHORIZED: 401,
  REQUEST_LIMIT_EXCEEDED: 429,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  INTERNAL_ERROR: 500,
  INVALID_STATE: 400,
  DATA_LOSS: 500,
  NOT_IMPLEMENTED: 501,
  TEMPORARILY_UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
} as const;

export type ErrorCode = keyof typeof HTTP_STATUS_BY_ERROR_CODE;

/**
 * The longest message an error carries. Messages quote what the client sent; most quotes are cut
 * where they are made (shownInMessage), and this catches every other: a 10 MB value must not come
 * back as a 10 MB error. The middle goes, so the start and the explanation at the end both stay.
 */
export const MAX_MESSAGE_LENGTH = 1000;
const KEPT_HEAD = 600;
const KEPT_TAIL = 300;

function capMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_LENGTH) return message;
  return `${message.slice(0, KEPT_HEAD)}... (${message.length - KEPT_HEAD - KEPT_TAIL} characters cut) ...${message.slice(-KEPT_TAIL)}`;
}

/** The one error type of the services; every edge maps it (and only it) to its wire form. */
export class MlflowError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(capMessage(message));
    this.name = "MlflowError";
  }

  get httpStatus(): number {
    return HTTP_STATUS_BY_ERROR_CODE[this.code];
  }
}

export const invalidParameter = (message: string) => new MlflowError("INVALID_PARAMETER_VALUE", message);
export const doesNotExist = (message: string) => new MlflowError("RESOURCE_DOES_NOT_EXIST", message);

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
 * PostgreSQL's "data exception" class (SQLSTATE 22…: value too long for its column, a NUL
 * character, a number out of range) means the request carried a value the database cannot store.
 * Every value reaches SQL as a bound parameter, so this is bad input — a 400, never a 5xx that
 * clients would retry for minutes. Drizzle wraps the driver's error, hence the look at `cause`.
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
