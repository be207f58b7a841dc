import type { Db } from "../db/types";
import { insertAuditEntry } from "../repositories/audit-repository";
import type { Principal } from "./principal";

/**
 * One line of the audit log admins read: who (the acting principal; a deleted user's name stays),
 * did what (`token.create`, `user.delete`, …) to what (`user:ana`, `token:12`), with details.
 */
export async function recordAudit(db: Db, actor: Principal, action: string, target: string, detail: Record<string, unknown> = {}): Promise<void> {
  const isUser = actor.kind === "user";
  await insertAuditEntry(db, {
    time: Date.now(),
    actorUserId: isUser ? actor.userId : null,
    actorUsername: isUser ? actor.username : actor.kind,
    action,
    target,
    detail,
  });
}
