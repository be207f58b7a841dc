// MLflow's error type, below every layer: the search compiler, the artifact stores and the
// services all throw it; each edge maps it once (services/errors.ts turns any thrown value into it).

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
  // Not an MLflow code: a full artifact disk (RFC 4918's status). MLflow's clients retry 429/5xx except
  // 507, and a full disk does not empty itself within their retry window, so the user sees why at once.
  INSUFFICIENT_STORAGE: 507,
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

/** A request body over its endpoint's limit: INVALID_PARAMETER_VALUE, answered 413 as HTTP says (MLflow's Flask does too). */
export class PayloadTooLarge extends MlflowError {
  constructor(size: number, limit: number) {
    super("INVALID_PARAMETER_VALUE", `Request body of ${size} bytes exceeds the limit of ${limit} bytes for this endpoint.`);
  }

  override get httpStatus(): number {
    return 413;
  }
}
export const doesNotExist = (message: string) => new MlflowError("RESOURCE_DOES_NOT_EXIST", message);
