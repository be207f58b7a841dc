import type { Sql } from "postgres";
import { MlflowError } from "../mlflow-error";
import { findErrorCode } from "./cause-chain";
import { isDatabaseUnreachable, retryOnClosedConnection } from "./connection-loss";
import { chooseReadTarget, parseLsn, RecentWriters, ReplicaProgress, type ReadTarget, type ReplicaView } from "./read-routing";
import type { SearchBudget } from "./search-budget";
import type { Db } from "./types";

/** Reads that are not searches (gets, metric histories, chart buckets), on whichever database serves this caller. */
export interface ReadDb {
  run<T>(work: (db: Db) => Promise<T>): Promise<T>;
}

/** Where one caller's reads go, and how it reports a write (so that its next reads see it). */
export interface CallerReads {
  search: SearchBudget;
  reads: ReadDb;
  noteWrite(): void;
}

/** Hands out each request's CallerReads: the primary alone, or a read replica with read-your-writes. */
export interface ReadRouter {
  /** `caller` tells callers apart (server/auth/read-caller.ts); undefined is a caller read from the primary. */
  forCaller(caller: string | undefined): CallerReads;
  /** Where a read of `caller` would go now (for tests and logs). */
  targetOf(caller: string | undefined): ReadTarget;
  close(): Promise<void>;
}

/** No replica: every read on the primary, one shared object (no per-request cost on the write path). */
export function primaryOnlyRouter(db: Db, search: SearchBudget): ReadRouter {
  const reads: CallerReads = { search, reads: { run: (work) => retryOnClosedConnection(() => work(db)) }, noteWrite: () => {} };
  return { forCaller: () => reads, targetOf: () => "primary", close: async () => {} };
}

export interface ReplicaSide {
  /** The replica's pool for plain reads, also used to probe its replay position. */
  sql: Sql;
  db: Db;
  search: SearchBudget;
  close(): Promise<void>;
}

export interface ReplicaRouterOptions {
  primary: { sql: Sql; db: Db; search: SearchBudget };
  replica: ReplicaSide;
  /** Past this lag (or a caller's write older than this) every read goes to the primary. */
  maxLagMs: number;
  /** How often the primary's WAL position and the replica's replay position are read. */
  probeIntervalMs: number;
  onReplicaDown?: (err: unknown) => void;
  onReplicaUp?: () => void;
}

/**
 * A replica for searches and reads, with read-your-writes: a caller that wrote reads from the primary
 * until a probe shows the replica has replayed past the primary's position taken after that write (or
 * the lag limit sends everybody to the primary). The write path only stores the caller's time of write.
 */
export function replicaRouter(options: ReplicaRouterOptions): ReadRouter {
  const { primary, replica, maxLagMs } = options;
  const progress = new ReplicaProgress();
  const writers = new RecentWriters(maxLagMs);
  const view: ReplicaView = { healthy: false, get caughtUpTo() { return progress.caughtUpTo; } };
  const now = () => performance.now();

  // Logged on each change, and at the first probe whichever way it went.
  let reported: "up" | "down" | undefined;
  const markDown = (err: unknown) => {
    view.healthy = false;
    if (reported !== "down") options.onReplicaDown?.(err);
    reported = "down";
  };
  const markUp = () => {
    view.healthy = true;
    if (reported !== "up") options.onReplicaUp?.();
    reported = "up";
  };

  async function probe(): Promise<void> {
    const startedAt = now();
    const [onPrimary, onReplica] = await Promise.allSettled([
      primary.sql`select pg_current_wal_lsn()::text as lsn`,
      withTimeout(replica.sql`select pg_last_wal_replay_lsn()::text as lsn`, Math.max(options.probeIntervalMs * 10, 1000)),
    ]);
    if (onPrimary.status === "fulfilled") progress.notePrimary(startedAt, parseLsn(onPrimary.value[0].lsn));
    if (onReplica.status === "rejected") return markDown(onReplica.reason);
    const replayed = onReplica.value[0].lsn as string | null;
    // Not in recovery (a primary, or a promoted standby): nothing says it holds the primary's writes.
    if (replayed === null) return markDown(new Error("METRON_READ_DATABASE_URL is not a standby (pg_last_wal_replay_lsn() is null)"));
    progress.noteReplayed(parseLsn(replayed));
    markUp();
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const loop = () => {
    timer = setTimeout(() => void probe().finally(() => stopped || loop()), options.probeIntervalMs);
    timer.unref();
  };
  const firstProbe = probe().finally(loop);

  const targetOf = (caller: string | undefined): ReadTarget => {
    if (caller === undefined) return "primary";
    const at = now();
    return chooseReadTarget(view, writers.lastWriteOf(caller, at), at, maxLagMs);
  };

  /** On the replica, or on the primary when the replica cannot answer (never an error because of it). */
  async function preferReplica<T>(caller: string | undefined, onReplica: () => Promise<T>, onPrimary: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (targetOf(caller) === "primary") return onPrimary();
    try {
      return await onReplica();
    } catch (err) {
      if (signal?.aborted || !(isReplicaRefusal(err) || isNotFound(err))) throw err;
      if (isDatabaseUnreachable(err)) markDown(err);
      return onPrimary();
    }
  }

  return {
    forCaller(caller) {
      return {
        search: {
          run: (signal, work) => preferReplica(caller, () => replica.search.run(signal, work), () => primary.search.run(signal, work), signal),
          close: async () => {},
        },
        reads: { run: (work) => preferReplica(caller, () => work(replica.db), () => retryOnClosedConnection(() => work(primary.db))) },
        noteWrite: () => {
          if (caller !== undefined) writers.noteWrite(caller, now());
        },
      };
    },
    targetOf,
    async close() {
      stopped = true;
      clearTimeout(timer);
      await firstProbe.catch(() => {});
      await replica.close();
    },
  };
}

/**
 * Errors after which the primary answers instead: the replica unreachable, a query cancelled by a
 * recovery conflict (40001), or a write refused by the read-only standby (25006: a read that writes).
 */
function isReplicaRefusal(err: unknown): boolean {
  return isDatabaseUnreachable(err) || findErrorCode(err, (code) => code === "40001" || code === "25006") !== undefined;
}

/**
 * A 404 from the replica is confirmed on the primary: the replica can only be behind, and a run created a
 * moment ago by another process (another rank of a training job) must not look missing.
 */
function isNotFound(err: unknown): boolean {
  return err instanceof MlflowError && err.httpStatus === 404;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
