import type { SQL } from "drizzle-orm";
import type { Db } from "./types";

/**
 * Runs raw SQL and returns its rows on either driver (postgres-js answers an array, PGlite an
 * object with `rows`). Repositories use it only where the query builder cannot say the query.
 */
export async function executeRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
