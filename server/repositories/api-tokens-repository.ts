import { and, asc, desc, eq, isNull } from "drizzle-orm";
import { apiTokens } from "../db/schema";
import type { Db } from "../db/types";

/** What a token list shows: never the secret, nor its hash. */
export type ApiTokenRow = Omit<typeof apiTokens.$inferSelect, "secretHash">;

const LISTED = {
  id: apiTokens.id,
  userId: apiTokens.userId,
  name: apiTokens.name,
  displayPrefix: apiTokens.displayPrefix,
  creationTime: apiTokens.creationTime,
  lastUsedTime: apiTokens.lastUsedTime,
  revokedTime: apiTokens.revokedTime,
};

export async function insertApiToken(db: Db, row: typeof apiTokens.$inferInsert): Promise<ApiTokenRow> {
  const [inserted] = await db.insert(apiTokens).values(row).returning(LISTED);
  return inserted;
}

/** A user's tokens, live ones first, newest first. */
export async function listUserApiTokens(db: Db, userId: number): Promise<ApiTokenRow[]> {
  return db
    .select(LISTED)
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(isNull(apiTokens.revokedTime)), desc(apiTokens.creationTime), asc(apiTokens.id));
}

export async function findApiToken(db: Db, id: number): Promise<ApiTokenRow | null> {
  const [row] = await db.select(LISTED).from(apiTokens).where(eq(apiTokens.id, id));
  return row ?? null;
}

/** Revokes a live token; null when it is absent or was revoked already. */
export async function revokeApiToken(db: Db, id: number, now: number): Promise<ApiTokenRow | null> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedTime: now })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedTime)))
    .returning(LISTED);
  return row ?? null;
}

export async function touchApiToken(db: Db, id: number, now: number): Promise<void> {
  await db.update(apiTokens).set({ lastUsedTime: now }).where(eq(apiTokens.id, id));
}
