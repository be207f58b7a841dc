import { desc, lt } from "drizzle-orm";
import { auditLog } from "../db/schema";
import type { Db } from "../db/types";

export type AuditRow = typeof auditLog.$inferSelect;

export async function insertAuditEntry(db: Db, row: typeof auditLog.$inferInsert): Promise<void> {
  await db.insert(auditLog).values(row);
}

/** Newest first; `beforeId` continues a page (ids only grow). */
export async function listAuditEntries(db: Db, args: { limit: number; beforeId?: number }): Promise<AuditRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(args.beforeId === undefined ? undefined : lt(auditLog.id, args.beforeId))
    .orderBy(desc(auditLog.id))
    .limit(args.limit);
}
