import "server-only";
import fs from "node:fs";
import path from "node:path";
import { getConfig } from "../env";
import { log } from "../log";
import * as schema from "./schema";
import { reconnectingPoolOptions } from "./connection-loss";
import { acquirePgliteLock } from "./pglite-lock";
import { POSTGRES_SESSION } from "./postgres-session";
import type { Db, DbHandle } from "./types";

const MIGRATIONS_FOLDER = path.join(process.cwd(), "drizzle");

/** Opens PostgreSQL (DATABASE_URL set) or embedded PGlite, and applies the migrations. */
export async function openDatabase(options: { databaseUrl?: string; dataDir: string; connectTimeoutSeconds?: number }): Promise<DbHandle> {
  return options.databaseUrl ? openPostgres(options.databaseUrl, options.connectTimeoutSeconds ?? 5) : openPglite(options.dataDir);
}

async function openPostgres(url: string, connectTimeoutSeconds: number): Promise<DbHandle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");

  // Several servers may start against one database: migrate on a single connection under an
  // advisory lock so that exactly one of them applies each migration.
  const migrator = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: connectTimeoutSeconds });
  try {
    await migrator`select pg_advisory_lock(7262837)`;
    await migrate(drizzle(migrator), { migrationsFolder: MIGRATIONS_FOLDER });
    await migrator`select pg_advisory_unlock(7262837)`;
  } finally {
    await migrator.end();
  }

  const client = postgres(url, {
    max: 10,
    onnotice: () => {},
    connection: { ...POSTGRES_SESSION },
    ...reconnectingPoolOptions(connectTimeoutSeconds),
  });
  const db = drizzle(client, { schema }) as unknown as Db;
  // Queries still running get a moment to finish; then the sockets are destroyed, not waited for.
  return { db, kind: "postgres", close: () => client.end({ timeout: 2 }) };
}

async function openPglite(dataDir: string): Promise<DbHandle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");

  const inMemory = dataDir.startsWith("memory://");
  if (!inMemory) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const release = inMemory ? () => {} : acquirePgliteLock(dataDir);
  try {
    // PostgreSQL's default 128 MB of shared buffers lives inside the WASM heap and costs ~170 MB of
    // RSS; the OS page cache serves the data folder anyway, so a small buffer pool is the better trade.
    const client = await PGlite.create(dataDir, {
      startParams: [...PGlite.defaultStartParams, "-c", "shared_buffers=32MB"],
    });
    const db = drizzle(client, { schema });
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
    return {
      db: db as unknown as Db,
      kind: "pglite",
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

const cache = globalThis as { __metronDb?: Promise<DbHandle> };

/**
 * The process-wide database, opened on first use. The *promise* is cached on globalThis so that
 * concurrent first requests, and modules bundled more than once, share one open.
 */
export function getDatabase(): Promise<DbHandle> {
  cache.__metronDb ??= (async () => {
    const config = getConfig();
    const started = performance.now();
    const handle = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      connectTimeoutSeconds: config.databaseConnectTimeoutSeconds,
    });
    log().info({ driver: handle.kind, ms: Math.round(performance.now() - started) }, "database ready");
    return handle;
  })().catch((err) => {
    cache.__metronDb = undefined;
    throw err;
  });
  return cache.__metronDb;
}
