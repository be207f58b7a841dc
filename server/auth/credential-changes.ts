import type { Db } from "../db/types";
import { listenForNotifications } from "../db/notification-listener";
import { log } from "../log";
import { processSingleton } from "../process-singleton";
import { notifyChannel } from "../repositories/notifications-repository";
import type { ServiceContext } from "../services/context";
import { PrincipalCache } from "./principal-cache";

// Keeps every server process's principal cache right: a change of who a credential is (token revoked,
// user deleted, admin flag or password changed) commits with a NOTIFY that each process LISTENs for, and
// the changing process clears its own cache when the transaction ends.

const CREDENTIALS_CHANNEL = "metron_credentials";

/** The process's one cache (server modules load more than once per process). */
export function principalCache(): PrincipalCache {
  return processSingleton("principal-cache", () => new PrincipalCache());
}

/**
 * Starts, once per process, what lets the cache be trusted; resolves once it does. PGlite: nothing, one
 * process owns the database (pglite-lock.ts) and its own clears suffice. PostgreSQL: the LISTEN
 * connection; the cache answers only while it is open.
 */
export function watchCredentialChanges(ctx: Pick<ServiceContext, "dbKind" | "config">): Promise<void> {
  return processSingleton("credential-change-watch", async () => {
    const cache = principalCache();
    const url = ctx.config.databaseUrl;
    if (ctx.dbKind === "pglite" || !url) {
      cache.setTrusted(ctx.dbKind === "pglite");
      return;
    }
    await listenForNotifications(url, CREDENTIALS_CHANNEL, {
      onNotify: () => cache.clear(),
      onListening: () => cache.setTrusted(true),
      onLost: () => cache.setTrusted(false),
    }).catch((err) => log().error({ err }, "could not watch credential changes; API tokens are looked up on every request"));
  });
}

/**
 * Runs `work`, a change of who a credential is, in one transaction announced to every server process
 * at commit; this process's cache answers nothing until the transaction has ended.
 */
export async function changeCredentials<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const cache = principalCache();
  cache.beginChange();
  try {
    return await db.transaction(async (tx) => {
      const result = await work(tx as unknown as Db);
      await notifyChannel(tx as unknown as Db, CREDENTIALS_CHANNEL);
      return result;
    });
  } finally {
    cache.endChange();
  }
}
