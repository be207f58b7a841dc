import { randomUUID } from "node:crypto";
import type { Db } from "../db/types";
import { listenForNotifications, type NotificationListener } from "../db/notification-listener";
import { log } from "../log";
import { existingProcessSingleton, processSingleton } from "../process-singleton";
import { findBackendPids, notifyChannel } from "../repositories/notifications-repository";
import type { ServiceContext } from "../services/context";
import { AccessCache } from "./access-cache";
import { ChangeAcks } from "./change-acks";
import type { Permission, Principal } from "./principal";

// Keeps every server process's access caches right at once. A change of who a credential is (token
// revoked, user deleted, admin flag or password changed) or of what a user may do (a grant, a team
// membership) commits with a NOTIFY; each process (PostgreSQL) LISTENs, clears its caches and
// acknowledges; the changing process answers only once every process that was listening has
// acknowledged (or is gone), so the change holds from the very next request anywhere.

const CHANGES = "metron_access";
const ACKS = "metron_access_ack";
/** How listening connections name themselves in pg_stat_activity (the changer waits for each). */
const LISTENER_NAME = "metron-access";
const ACK_TIMEOUT_MS = 3_000;

interface Watch {
  listener?: NotificationListener;
  acks: ChangeAcks;
}

/** API tokens' and Basic credentials' principals, by the Authorization header's sha256 (one per process: server modules load more than once). */
export function principalCache(): AccessCache<Extract<Principal, { kind: "user" }>> {
  return processSingleton("principal-cache", () => new AccessCache<Extract<Principal, { kind: "user" }>>());
}

/** Users' effective permissions on experiments (by the experiment, a run or a logged model of it). */
export function grantCache(): AccessCache<Permission> {
  return processSingleton("grant-cache", () => new AccessCache<Permission>());
}

/** Both caches, cleared and trusted together. */
const caches = () => [principalCache(), grantCache()];

/**
 * Starts, once per process, what lets the cache be trusted; resolves once it does. PGlite: nothing, one
 * process owns the database (pglite-lock.ts) and its own clears suffice. PostgreSQL: the LISTEN
 * connection; the cache answers only while it is open.
 */
export async function watchAccessChanges(ctx: Pick<ServiceContext, "dbKind" | "config">): Promise<void> {
  await processSingleton("access-change-watch", async (): Promise<Watch> => {
    const acks = new ChangeAcks();
    const url = ctx.config.databaseUrl;
    if (ctx.dbKind === "pglite" || !url) {
      for (const cache of caches()) cache.setTrusted(ctx.dbKind === "pglite");
      return { acks };
    }
    let ownPid: number | undefined;
    const listener = await listenForNotifications(url, [CHANGES, ACKS], LISTENER_NAME, {
      onNotify: (channel, payload) => {
        if (channel === ACKS) return acks.receive(payload);
        for (const cache of caches()) cache.clear();
        // Sent after the clear: the changer's wait ends only once this process can no longer answer stale.
        if (ownPid !== undefined) listener?.notify(ACKS, ChangeAcks.ack(payload, ownPid)).catch(() => undefined);
      },
      onListening: (pid) => {
        ownPid = pid;
        for (const cache of caches()) cache.setTrusted(true);
      },
      onLost: () => caches().forEach((cache) => cache.setTrusted(false)),
    }).catch((err) => {
      log().error({ err }, "could not watch access changes; tokens and grants are looked up on every request");
      return undefined;
    });
    return { listener, acks };
  });
}

/** Stops listening (tools that watched in process; a server exits with its connections). */
export async function stopWatchingAccessChanges(): Promise<void> {
  const watch = await existingProcessSingleton<Promise<Watch>>("access-change-watch");
  await watch?.listener?.stop();
  for (const cache of caches()) cache.setTrusted(false);
}

/**
 * Runs `work`, a change of who a credential is or of what a user may do, in one transaction announced to
 * every server process at commit; resolves once each has forgotten what it cached. This process's caches
 * answer nothing until the transaction has ended.
 */
export async function changeAccess<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  const watch = await existingProcessSingleton<Promise<Watch>>("access-change-watch");
  const changeId = randomUUID();
  const expecting = watch?.listener ? watch.acks.expect(changeId) : undefined;
  for (const cache of caches()) cache.beginChange();
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
    for (const cache of caches()) cache.endChange();
  }
}
