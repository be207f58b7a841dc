import { sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

/**
 * `column = any($1::text[])`: membership in a list bound as ONE array parameter. Drizzle's inArray
 * binds one parameter per value, and with a 1000-run page PostgreSQL parses, binds and plans 1000
 * parameters per query (≈ 10 ms each time on a small machine, even when nothing matches).
 */
export function anyText(column: AnyPgColumn, values: string[]): SQL {
  return sql`${column} = any(${sql.param(values)}::text[])`;
}

/** `column = any($1::int4[])`, for integer ids (see anyText). */
export function anyInteger(column: AnyPgColumn, values: number[]): SQL {
  return sql`${column} = any(${sql.param(values)}::int4[])`;
}
