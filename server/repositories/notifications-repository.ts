import { sql } from "drizzle-orm";
import { executeRows } from "../db/rows";
import type { Db } from "../db/types";

/**
 * Queues a notification on `channel`: inside a transaction PostgreSQL delivers it to every listening
 * connection when (and only if) the transaction commits.
 */
export async function notifyChannel(db: Db, channel: string, payload: string): Promise<void> {
  await db.execute(sql`select pg_notify(${channel}, ${payload})`);
}

/** The backend pids of this database's connections that named themselves `applicationName`. */
export async function findBackendPids(db: Db, applicationName: string): Promise<number[]> {
  const rows = await executeRows<{ pid: number }>(db, sql`select pid from pg_stat_activity where datname = current_database() and application_name = ${applicationName}`);
  return rows.map((r) => Number(r.pid));
}
