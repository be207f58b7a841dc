import { eq, lte } from "drizzle-orm";
import { sessions } from "../db/schema";
import type { Db } from "../db/types";

export async function insertSession(db: Db, row: typeof sessions.$inferInsert): Promise<void> {
  await db.insert(sessions).values(row);
}

/** Ends one session (sign-out); false when no session had this secret hash. */
export async function deleteSession(db: Db, secretHash: string): Promise<boolean> {
  const deleted = await db.delete(sessions).where(eq(sessions.secretHash, secretHash)).returning({ userId: sessions.userId });
  return deleted.length === 1;
}

/** Ends every session of a user (their password was reset, or their admin right changed). */
export async function deleteUserSessions(db: Db, userId: number): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

/** Forgets sessions past their expiry (they no longer authenticate; this only keeps the table small). */
export async function deleteExpiredSessions(db: Db, now: number): Promise<void> {
  await db.delete(sessions).where(lte(sessions.expiryTime, now));
}
