import { bigint, doublePrecision, index, integer, pgTable, varchar } from "drizzle-orm/pg-core";
import { apiTokens } from "./auth";

// Rate limits every replica shares (migration 0011): a limit kept per process would give N replicas
// behind a load balancer N times the allowance.

/** One failed (or not yet known to succeed) sign-in attempt; rows older than the window are pruned. */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    /** sha256 of the (username, client address) key: a password typed into the name field is not kept. */
    keyHash: varchar("key_hash", { length: 64 }).notNull(),
    attemptTime: bigint("attempt_time", { mode: "number" }).notNull(),
  },
  (t) => [index("sign_in_failures_key_time_idx").on(t.keyHash, t.attemptTime), index("sign_in_failures_time_idx").on(t.attemptTime)],
);

/**
 * Each API token's request bucket, shared by every replica (server/services/quotas/shared-token-rate.ts):
 * requests it may still make now, as of `updated_time` (the database's clock), refilled at its limit per minute.
 */
export const tokenRequestBuckets = pgTable("token_request_buckets", {
  tokenId: integer("token_id")
    .primaryKey()
    .references(() => apiTokens.id, { onDelete: "cascade" }),
  available: doublePrecision("available").notNull(),
  updatedTime: bigint("updated_time", { mode: "number" }).notNull(),
});
