import { sql } from "drizzle-orm";
import type { Db } from "../db/types";

/**
 * Queues a notification on `channel`: inside a transaction PostgreSQL delivers it to every listening
 * connection when (and only if) the transaction commits.
 */
export async function notifyChannel(db: Db, channel: string): Promise<void> {
  await db.execute(sql`select pg_notify(${channel}, '')`);
}
