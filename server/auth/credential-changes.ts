import { randomUUID } from "node:crypto";
import type { Db } from "../db/types";
import { listenForNotifications, type NotificationListener } from "../db/notification-listener";
import { log } from "../log";
import { existingProcessSingleton, processSingleton } from "../process-singleton";
import { findBackendPids, notifyChannel } from "../repositories/notifications-repository";
import type { ServiceContext } from "../services/context";
import { ChangeAcks } from "./change-acks";
import { PrincipalCache } from "./principal-cache";

// Keeps every server process's principal cache right at once. A change of who a credential is (token
// revoked, user deleted, admin flag or password changed) commits with a NOTIFY; each process (PostgreSQL)
// LISTENs, clears its cache and acknowledges; the changing process answers only once every process that
// was listening has acknowledged (or is gone), so the change holds from the very next request anywhere.

const CHANGES = "metron_credentials";
const ACKS = "metron_credentials_ack";
/** How listening connections name themselves in pg_stat_activity (the changer waits for each). */
const LISTENER_NAME = "metron-credentials";
const ACK_TIMEOUT_MS = 3_000;

interface Watch {
  listener?: NotificationListener;
  acks: ChangeAcks;
}

/** The process's one cache (server modules load more than once per process). */
export function principalCache(): PrincipalCache {
  return processSingleton("principal-cache", () => new PrincipalCache());
}

/**
 * Starts, once per process, what lets the cache be trusted; resolves once it does. PGlite: nothing, one
 * process owns the database (pglite-lock.ts) and its own clears suffice. PostgreSQL: the LISTEN
 * connection; the cache answers only while it is open.
 */
export async function watchCredentialChanges(ctx: Pick<ServiceContext, "dbKind" | "config">): Promise<void> {
  await processSingleton("credential-change-watch", async (): Promise<Watch> => {
    const cache = principalCache();
    const acks = new ChangeAcks();
    const url = ctx.config.databaseUrl;
    if (ctx.dbKind === "pglite" || !url) {
      cache.setTrusted(ctx.dbKind === "pglite");
      return { acks };
    }
    let ownPid: number | undefined;
    const listener = await listenForNotifications(url, [CHANGES, ACKS], LISTENER_NAME, {
      onNotify: (channel, payload) => {
        if (channel === ACKS) return acks.receive(payload);
        cache.clear();
        // Sent after the clear: the changer's wait ends only once this process can no longer answer stale.
        if (ownPid !== undefined) listener?.notify(ACKS, ChangeAcks.ack(payload, ownPid)).catch(() => undefined);
      },
      onListening: (pid) => {
        ownPid = pid;
        cache.setTrusted(true);
      },
      onLost: () => cache.setTrusted(false),
    }).catch((err) => {
      log().error({ err }, "could not watch credential changes; API tokens are looked up on every request");
      return undefined;
    });
    return { listener, acks };
  });
}

/** Stops listening (tools that watched in process; a server exits with its connections). */
export async function stopWatchingCredentialChanges(): Promise<void> {
  const watch = await existingProcessSingleton<Promise<Watch>>("credential-change-watch");
  await watch?.listener?.stop();
  principalCache().setTrusted(false);
}

/**
 * Runs `work`, a change of who a credential is, in one transaction announced to every server process
 * at commit; resolves once each has forgotten what it cached. This process's cache answers nothing
 * until the transaction has ended.
 */
export async function changeCredentials<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const cache = principalCache();
  const watch = await existingProcessSingleton<Promise<Watch>>("credential-change-watch");
  const changeId = randomUUID();
  const expecting = watch?.listener ? watch.acks.expect(changeId) : undefined;
  cache.beginChange();
  try {
    const { result, listeners } = await db.transaction(async (tx) => {
      const result = await work(tx as unknown as Db);
      await notifyChannel(tx as unknown as Db, CHANGES, changeId);
      return { result, listeners: expecting ? await findBackendPids(tx as unknown as Db, LISTENER_NAME) : [] };
    });
    await expecting?.from(listeners, ACK_TIMEOUT_MS, async () => new Set(await findBackendPids(db, LISTENER_NAME)));
    return result;
  } finally {
    expecting?.done();
    cache.endChange();
  }
}
