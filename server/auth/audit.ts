import type { Db } from "../db/types";
import { insertAuditEntry } from "../repositories/audit-repository";
import type { Principal } from "./principal";

/**
 * Records a change of permissions, users, teams or tokens in the audit log admins read. Call it with the
 * transaction's `db` so the entry lands with the change or not at all. `actor`: who made it (a user's id
 * and name are kept even after the user is deleted; `local` and share principals record none).
 */
export async function recordAudit(db: Db, actor: Principal, action: string, target: string, detail: Record<string, unknown> = {}): Promise<void> {
  const user = actor.kind === "user" ? actor : undefined;
  await insertAuditEntry(db, { time: Date.now(), actorUserId: user?.userId ?? null, actorUsername: user?.username ?? null, action, target, detail });
}
