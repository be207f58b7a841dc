import { isDatabaseUnreachable } from "../db/connection-loss";
import { getConfig } from "../env";
import { log } from "../log";
import { pingDatabase } from "../repositories/health-repository";
import { getServiceContext } from "./context";

/** A database that has not answered `select 1` within this long counts as unreachable. */
const PING_DEADLINE_MS = 3000;

/**
 * The server is healthy when its database is open, migrated and seeded, and — for PostgreSQL,
 * which can go away under a running server — answers a query now. With --artifacts-only it is
 * healthy at once: that server serves artifacts alone and never opens a database.
 */
export async function healthCheck(): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    if (getConfig().artifactsOnly) return { ok: true };
    const ctx = await getServiceContext();
    if (ctx.dbKind === "postgres") await withDeadline(pingDatabase(ctx.db), PING_DEADLINE_MS);
    return { ok: true };
  } catch (err) {
    const reason = (err as Error).message;
    // An invalid configuration leaves no logger to write with; the reason still reaches the caller.
    if (!reason.startsWith("Invalid configuration")) log().error({ err }, "health check failed");
    return { ok: false, reason: isDatabaseUnreachable(err) || err instanceof PingTimeout ? `database unreachable (${reason})` : reason };
  }
}

class PingTimeout extends Error {}

function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PingTimeout(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
