import { log } from "../../log";
import { processSingleton } from "../../process-singleton";
import { deleteIdleTokenBuckets, exchangeTokenRequests } from "../../repositories/token-request-buckets-repository";
import type { ServiceContext } from "../context";
import { RateLimitExceeded } from "./quota-errors";
import { SharedTokenRate } from "./shared-token-rate";

/** A shared bucket untouched this long is full again (a minute refills any limit); kept a little longer. */
const IDLE_BUCKET_MS = 2 * 60_000;

/**
 * Counts one request against the calling API token's rate (METRON_QUOTA_REQUESTS_PER_MINUTE_PER_TOKEN),
 * shared by every replica on the database (shared-token-rate.ts says how closely).
 */
export function enforceRequestRate(ctx: Pick<ServiceContext, "principal" | "config" | "now" | "db">): void {
  const limit = ctx.config.quotas.requestsPerMinutePerToken;
  const { principal } = ctx;
  if (limit === undefined || principal.kind !== "user" || principal.tokenId === undefined) return;
  const { db } = ctx;
  const rate = processSingleton(
    `shared-token-rate:${limit}`,
    () =>
      new SharedTokenRate(limit, {
        exchange: (admitted) => exchangeTokenRequests(db, limit, admitted),
        forgetIdle: () => deleteIdleTokenBuckets(db, IDLE_BUCKET_MS),
        onError: (err) => log().warn({ err }, "could not share API token request counts with the other replicas; limiting per replica until it works again"),
      }),
  );
  const retryAfter = rate.take(principal.tokenId, ctx.now());
  if (retryAfter !== null) throw new RateLimitExceeded(limit, retryAfter);
}
