import type { SQL } from "drizzle-orm";
import type { Db } from "./types";

/**
 * Runs raw SQL and returns its rows on either driver (postgres-js answers an array, PGlite an
 * object with `rows`). Repositories use it only where the query builder cannot say the query.
 */
export async function executeRows<T>(db: Db, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

/** The rows of what either driver answered to a raw statement (executeRows, executePrepared). */
export function rowsOf<T>(result: unknown): T[] {
  const answer = result as T[] | { rows: T[] };
  return Array.isArray(answer) ? answer : answer.rows;
}
