import { and, desc, eq, isNull } from "drizzle-orm";
import { shareLinks } from "../db/schema";
import type { Db } from "../db/types";

export type ShareLinkRow = typeof shareLinks.$inferSelect;

export async function insertShareLink(db: Db, row: typeof shareLinks.$inferInsert): Promise<void> {
  await db.insert(shareLinks).values(row);
}

export async function findShareLink(db: Db, id: string): Promise<ShareLinkRow | null> {
  const [row] = await db.select().from(shareLinks).where(eq(shareLinks.id, id));
  return row ?? null;
}

/** A creator's links, newest first. */
export async function listShareLinksOf(db: Db, creatorUserId: number): Promise<ShareLinkRow[]> {
  return db.select().from(shareLinks).where(eq(shareLinks.creatorUserId, creatorUserId)).orderBy(desc(shareLinks.creationTime), desc(shareLinks.id));
}

/** Revokes a live link of this creator (any creator's when `creatorUserId` is null); false when none matched. */
export async function revokeShareLink(db: Db, id: string, creatorUserId: number | null, now: number): Promise<boolean> {
  const mine = creatorUserId === null ? undefined : eq(shareLinks.creatorUserId, creatorUserId);
  const updated = await db
    .update(shareLinks)
    .set({ revokedTime: now })
    .where(and(eq(shareLinks.id, id), isNull(shareLinks.revokedTime), mine))
    .returning({ id: shareLinks.id });
  return updated.length === 1;
}
