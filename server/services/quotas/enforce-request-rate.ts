import { processSingleton } from "../../process-singleton";
import type { ServiceContext } from "../context";
import { RateLimitExceeded } from "./quota-errors";
import { TokenRateLimiter } from "./token-rate-limiter";

const PRUNE_EVERY = 1000;
let takenSincePrune = 0;

/** Counts one request against the calling API token's rate (METRON_QUOTA_REQUESTS_PER_MINUTE_PER_TOKEN). */
export function enforceRequestRate(ctx: Pick<ServiceContext, "principal" | "config" | "now">): void {
  const limit = ctx.config.quotas.requestsPerMinutePerToken;
  const { principal } = ctx;
  if (limit === undefined || principal.kind !== "user" || principal.tokenId === undefined) return;
  const limiter = processSingleton(`token-rate-limiter:${limit}`, () => new TokenRateLimiter(limit));
  const now = ctx.now();
  if (++takenSincePrune >= PRUNE_EVERY) {
    takenSincePrune = 0;
    limiter.prune(now);
  }
  const retryAfter = limiter.take(principal.tokenId, now);
  if (retryAfter !== null) throw new RateLimitExceeded(limit, retryAfter);
}
