import "server-only";
import type PostgresFactory from "postgres";
import fs from "node:fs";
import type { Socket } from "node:net";
import path from "node:path";
import { getConfig } from "../env";
import { log } from "../log";
import { existingProcessSingleton, processSingletonPromise } from "../process-singleton";
import * as schema from "./schema";
import { openReopeningPglite } from "./pglite-guard";
import { reconnectingPoolOptions } from "./connection-loss";
import { databaseTarget } from "./database-target";
import { acquirePgliteLock } from "./pglite-lock";
import { POSTGRES_SESSION } from "./postgres-session";
import { countingPglite, countingPostgres, countingSockets, newPoolUsage } from "./pool-usage";
import { pgliteSearchBudget, postgresSearchBudget, SEARCH_CONNECTIONS } from "./search-budget";
import type { Db, DbHandle } from "./types";
import { primaryOnlyRouter, replicaRouter, type ReplicaSide } from "./read-replica";
import type { ReadReplicaSettings } from "../env";
import { startAutoAnalyze } from "./auto-analyze";

const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");
/** Connections of the pool for everything but searches (those have their own, search-budget.ts). */
const MAIN_CONNECTIONS = 10;

/** Opens PostgreSQL (DATABASE_URL set) or embedded PGlite, and applies the migrations. */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  searchTimeoutMs: number;
  connectTimeoutSeconds?: number;
  /** Searches and reads on a standby of `databaseUrl` (PostgreSQL only). */
  readReplica?: ReadReplicaSettings;
}): Promise<DbHandle> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.searchTimeoutMs, options.connectTimeoutSeconds ?? 5, options.readReplica)
    : openPglite(options.dataDir, options.searchTimeoutMs);
}

async function openPostgres(url: string, searchTimeoutMs: number, connectTimeoutSeconds: number, readReplica: ReadReplicaSettings | undefined): Promise<DbHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");

  // One target for every pool: a failover list (h1,h2?target_session_attrs=read-write) follows the primary.
  const target = databaseTarget(url, connectTimeoutSeconds);
  // Several servers may start against one database: migrate on a single connection under an
  // advisory lock so that exactly one of them applies each migration.
  const migrator = postgres(target.url, { max: 1, onnotice: () => {}, connect_timeout: connectTimeoutSeconds, ...target.options });
  try {
    await migrator`select pg_advisory_lock(7262837)`;
    await migrate(drizzle(migrator), { migrationsFolder: MIGRATIONS_FOLDER });
    await migrator`select pg_advisory_unlock(7262837)`;
  } finally {
    await migrator.end();
  }

  const primary = openPools(postgres, drizzle, target.url, {
    session: POSTGRES_SESSION,
    options: { ...reconnectingPoolOptions(connectTimeoutSeconds), ...target.options },
    searchTimeoutMs,
    countAs: { main: "main", search: "search" },
  });
  const { db, search } = primary;
  const reads = readReplica
    ? replicaRouter({
        primary,
        replica: openPools(postgres, drizzle, readReplica.url, {
          session: { ...POSTGRES_SESSION, application_name: "metron-read-replica" },
          options: reconnectingPoolOptions(connectTimeoutSeconds),
          searchTimeoutMs,
        }),
        maxLagMs: readReplica.maxLagMs,
        probeIntervalMs: REPLICA_PROBE_INTERVAL_MS,
        onReplicaDown: (err) => log().warn({ err }, "the read replica is unavailable; reads go to the primary"),
        onReplicaUp: () => log().info("the read replica serves reads"),
      })
    : primaryOnlyRouter(db, search);
  const close = async () => void (await Promise.all([primary.close(), reads.close()]));
  return { db, kind: "postgres", search, reads, close };
}

/** How often the primary's WAL position and the replica's replay position are compared (two tiny queries). */
const REPLICA_PROBE_INTERVAL_MS = 100;

type Postgres = typeof PostgresFactory;
type PostgresDrizzle = typeof import("drizzle-orm/postgres-js").drizzle;
/** postgres-js pool options: reconnecting ones, with a failover list's host choice where there is one. */
type PoolOptions = Omit<ReturnType<typeof reconnectingPoolOptions>, "socket"> & {
  socket: (options: { host: string[]; port: number[]; path?: string | false }) => Socket | Promise<Socket>;
  onparameter?: (key: string, value: string) => void;
};

/**
 * A database's two pools: requests, and searches under the search timeout. Nothing connects yet. With
 * `countAs`, each pool's connections and statements show in /metrics under those names.
 */
function openPools(
  postgres: Postgres,
  drizzle: PostgresDrizzle,
  url: string,
  settings: { session: Record<string, string>; options: PoolOptions; searchTimeoutMs: number; countAs?: { main: string; search: string } },
): ReplicaSide {
  const pool = (name: string | undefined, max: number, connection: Record<string, string | number>) => {
    const usage = name === undefined ? undefined : newPoolUsage(name, max);
    const socket = usage ? countingSockets(usage, settings.options.socket) : settings.options.socket;
    // `socket` is a documented postgres-js option that its type definitions lack.
    const sql = postgres(url, { max, onnotice: () => {}, connection, ...settings.options, ...({ socket } as object) });
    return { sql, counted: usage ? countingPostgres(sql, usage) : sql };
  };
  const main = pool(settings.countAs?.main, MAIN_CONNECTIONS, settings.session);
  const searches = pool(settings.countAs?.search, SEARCH_CONNECTIONS, { ...settings.session, statement_timeout: settings.searchTimeoutMs });
  const search = postgresSearchBudget(searches.counted, (c) => drizzle(c, { schema }) as unknown as Db, settings.searchTimeoutMs);
  return {
    sql: main.sql,
    db: drizzle(main.counted, { schema }) as unknown as Db,
    search,
    // Queries still running get a moment to finish; then the sockets are destroyed, not waited for.
    close: async () => void (await Promise.all([main.sql.end({ timeout: 2 }), search.close()])),
  };
}

async function openPglite(dataDir: string, searchTimeoutMs: number): Promise<DbHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");

  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) ensureWritableParent(dataDir);
  const release = inMemory ? () => {} : acquirePgliteLock(dataDir);
  try {
    // Small shared_buffers: the default 128 MB lives in the WASM heap (~170 MB RSS) while the OS page cache
    // serves the data folder anyway. Small max_stack_depth: PostgreSQL stops a too-deep query with its own
    // error before the JS stack runs out (pglite-guard.ts catches the rest).
    const embedded = await openReopeningPglite(
      () => PGlite.create(dataDir, { startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB", "-c", "max_stack_depth=200kB"] }),
      ({ cause, error }) =>
        error
          ? log().error({ err: error }, "could not reopen the embedded database")
          : log().error({ err: cause }, "the embedded database failed (JavaScript stack exhausted); reopening it"),
    );
    const usage = newPoolUsage("embedded", 1, 1);
    const db = drizzle(countingPglite(embedded.client, usage) as InstanceType<typeof PGlite>, { schema });
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    const search = pgliteSearchBudget(db as unknown as Db, searchTimeoutMs);
    return {
      db: db as unknown as Db,
      kind: "pglite",
      search,
      reads: primaryOnlyRouter(db as unknown as Db, search),
      close: async () => {
        usage.open = 0;
        await embedded.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}


/** The data folder's parent exists and takes writes, or start-up stops with a line naming the folder. */
function ensureWritableParent(dataDir: string): void {
  try {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    fs.accessSync(path.dirname(dataDir), fs.constants.W_OK);
    if (fs.existsSync(dataDir)) fs.accessSync(dataDir, fs.constants.W_OK);
  } catch (err) {
    const { code } = err as NodeJS.ErrnoException;
    const why = code === "EACCES" || code === "EPERM" ? "permission denied" : code === "ENOTDIR" || code === "EEXIST" ? "a file is in the way" : (err as Error).message;
    throw new Error(`cannot create or write the data folder ${dataDir}: ${why}`);
  }
}

/**
 * The process-wide database, opened on first use. The *promise* is the singleton, so that
 * concurrent first requests, and modules bundled more than once, share one open.
 */
export function getDatabase(): Promise<DbHandle> {
  return processSingletonPromise("database", async () => {
    const config = getConfig();
    const started = performance.now();
    const handle = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      searchTimeoutMs: config.searchTimeoutMs,
      connectTimeoutSeconds: config.databaseConnectTimeoutSeconds,
      readReplica: config.readReplica,
    });
    log().info({ driver: handle.kind, ms: Math.round(performance.now() - started) }, "database ready");
    return withAutoAnalyze(handle);
  });
}

/** Closes the process's database if it was opened (a clean shutdown unlocks PGlite's folder). */
export async function closeDatabase(): Promise<void> {
  const opening = existingProcessSingleton<Promise<DbHandle>>("database");
  const handle = await opening?.catch(() => undefined);
  await handle?.close();
}

/** How often the server looks for tables grown past their planner statistics or last VACUUM (auto-analyze.ts). */
const AUTO_ANALYZE_INTERVAL_MS = 2_000;

function withAutoAnalyze(handle: DbHandle): DbHandle {
  const stop = startAutoAnalyze(handle.db, {
    intervalMs: AUTO_ANALYZE_INTERVAL_MS,
    vacuum: handle.kind === "postgres",
    onError: (err) => log().warn({ err }, "automatic ANALYZE or VACUUM failed"),
    onAnalyzed: (tables) => log().debug({ tables }, "analyzed grown tables"),
    onVacuumed: (tables) => log().debug({ tables }, "vacuumed written tables"),
  });
  return { ...handle, close: () => (stop(), handle.close()) };
}
