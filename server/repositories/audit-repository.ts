import { auditLog } from "../db/schema";
import type { Db } from "../db/types";

export async function insertAuditEntry(db: Db, row: typeof auditLog.$inferInsert): Promise<void> {
  await db.insert(auditLog).values(row);
}
