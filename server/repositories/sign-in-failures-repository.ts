import { eq, sql } from "drizzle-orm";
import { signInFailures } from "../db/schema";
import { executeRows } from "../db/rows";
import type { Db } from "../db/types";

/** The advisory lock class of sign-in keys (the key's hash is the second number). */
const SIGN_IN_LOCK_CLASS = 7262838;

/**
 * Counts one attempt for `keyHash` at `now` unless the key already has `max` attempts within `windowMs`:
 * then answers the time its oldest one leaves the window, and counts nothing. Attempts for one key run one
 * at a time (an advisory lock held to commit), so parallel guesses on any number of replicas cannot overrun
 * the limit. Expired rows of every key go on the way, skipping rows another attempt is deleting.
 */
export async function countSignInAttempt(db: Db, args: { keyHash: string; now: number; max: number; windowMs: number }): Promise<{ refusedUntil: number } | null> {
  const since = args.now - args.windowMs;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SIGN_IN_LOCK_CLASS}, hashtext(${args.keyHash}))`);
    await tx.execute(sql`delete from sign_in_failures where ctid = any(array(
      select ctid from sign_in_failures where attempt_time <= ${since} for update skip locked))`);
    const [recent] = await executeRows<{ attempts: number; oldest: string | number | null }>(
      tx as never,
      sql`select count(*)::int as attempts, min(attempt_time) as oldest from sign_in_failures where key_hash = ${args.keyHash} and attempt_time > ${since}`,
    );
    if (recent.attempts >= args.max) return { refusedUntil: Number(recent.oldest) + args.windowMs };
    await tx.insert(signInFailures).values({ keyHash: args.keyHash, attemptTime: args.now });
    return null;
  });
}

/** A successful sign-in forgets the key's attempts. */
export async function forgetSignInAttempts(db: Db, keyHash: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.keyHash, keyHash));
}
