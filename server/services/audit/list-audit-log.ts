import { z } from "zod";
import { listAuditEntries } from "../../repositories/audit-repository";
import { defineVerb } from "../verb";

export const MAX_AUDIT_PAGE = 500;

export interface AuditEntry {
  id: number;
  time: number;
  actorUsername: string | null;
  action: string;
  target: string;
  detail: Record<string, unknown>;
}

/** The audit log, newest first, a page at a time (admins only: the rule is on the procedure). */
export const listAuditLog = defineVerb(
  z.object({ maxResults: z.number().int().min(1).max(MAX_AUDIT_PAGE).default(100), beforeId: z.number().int().positive().optional() }),
  async ({ ctx, input }): Promise<{ entries: AuditEntry[]; nextBeforeId?: number }> => {
    const rows = await listAuditEntries(ctx.db, { limit: input.maxResults + 1, beforeId: input.beforeId });
    const page = rows.slice(0, input.maxResults);
    return {
      entries: page.map((r) => ({ id: r.id, time: r.time, actorUsername: r.actorUsername, action: r.action, target: r.target, detail: r.detail })),
      nextBeforeId: rows.length > input.maxResults ? page[page.length - 1].id : undefined,
    };
  },
);
