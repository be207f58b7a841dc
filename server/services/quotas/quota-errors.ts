import { MlflowError } from "../errors";

/**
 * A write that would take a count past its quota, refused whole: MLflow's RESOURCE_EXHAUSTED, but answered
 * 400, not the table's 429. MLflow's clients retry every 429 (7 times, ~4 minutes) and then report "too many
 * 429 error responses" without the message; a quota does not lift by waiting, and a 400 shows the message.
 */
export class QuotaExceeded extends MlflowError {
  constructor(what: string, limit: number, wouldBe: number, scope: string) {
    super("RESOURCE_EXHAUSTED", `Quota exceeded: ${scope} may have at most ${limit} ${what}; this request would make it ${wouldBe}. Nothing was written.`);
  }

  override get httpStatus(): number {
    return 400;
  }
}

export function quotaExceeded(what: string, limit: number, wouldBe: number, scope: string): MlflowError {
  return new QuotaExceeded(what, limit, wouldBe, scope);
}

/** Too many requests for one API token: 429, which clients retry after the reply's Retry-After (seconds). */
export class RateLimitExceeded extends MlflowError {
  constructor(
    limitPerMinute: number,
    readonly retryAfterSeconds: number,
  ) {
    super("RESOURCE_EXHAUSTED", `Rate limit exceeded: at most ${limitPerMinute} requests per minute per API token. Retry after ${retryAfterSeconds} s.`);
  }
}
