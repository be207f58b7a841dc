import { bigint, index, integer, pgTable, varchar } from "drizzle-orm/pg-core";
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
 * Requests each API token was admitted, summed over every replica: an ever-growing counter whose increase
 * between two reads tells a replica what the others served (server/services/quotas/shared-token-rate.ts).
 */
export const tokenRequestCounts = pgTable("token_request_counts", {
  tokenId: integer("token_id")
    .primaryKey()
    .references(() => apiTokens.id, { onDelete: "cascade" }),
  requests: bigint("requests", { mode: "number" }).notNull(),
  lastRequestTime: bigint("last_request_time", { mode: "number" }).notNull(),
});
