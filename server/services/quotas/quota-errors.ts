import { MlflowError } from "../errors";

/** A write that would take a count past its quota: refused whole, as MLflow's RESOURCE_EXHAUSTED (429). */
export function quotaExceeded(what: string, limit: number, wouldBe: number, scope: string): MlflowError {
  return new MlflowError(
    "RESOURCE_EXHAUSTED",
    `Quota exceeded: ${scope} may have at most ${limit} ${what}; this request would make it ${wouldBe}. Nothing was written.`,
  );
}

/** Too many requests for one API token; the reply's Retry-After says when the next one is allowed. */
export class RateLimitExceeded extends MlflowError {
  constructor(
    limitPerMinute: number,
    readonly retryAfterSeconds: number,
  ) {
    super("RESOURCE_EXHAUSTED", `Rate limit exceeded: at most ${limitPerMinute} requests per minute per API token. Retry after ${retryAfterSeconds} s.`);
  }
}
