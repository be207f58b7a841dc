import { fillPlaceholders, type Query, type SQL } from "drizzle-orm";
import type { PgDialect } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import type { Db } from "./types";

/**
 * A text value as the database sent it: on postgres-js its UTF-8 bytes, never decoded; on PGlite a string.
 * A large JSON text written by PostgreSQL (a 10,000-point history, ~0.8 MB) then goes to the socket as
 * bytes: decoding it into a string and encoding it again cost ~2.5 ms of our one thread, and its garbage.
 */
export type DbText = string | Uint8Array;

/** The text as a string, for the short values of a text row (counts, flags). */
export function dbTextToString(text: DbText): string {
  return typeof text === "string" ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString("utf8");
}

interface PgliteClient {
  query(text: string, params: unknown[], options: { rowMode: "array" }): Promise<{ rows: (string | null)[][] }>;
}

/**
 * A fixed-shape statement whose values are all named placeholders (sql.placeholder) and whose columns are all
 * text, compiled once per process and run prepared (see executePrepared); answers its rows as arrays of their
 * columns in select order.
 */
export function preparedTextStatement(build: () => SQL): (db: Db, values: Record<string, unknown>) => Promise<(DbText | null)[][]> {
  let query: Query | undefined;
  return async (db, values) => {
    const { session, dialect } = db as unknown as { session: { client: unknown }; dialect: PgDialect };
    query ??= dialect.sqlToQuery(build());
    const params = fillPlaceholders(query.params, values);
    const client = session.client as Partial<Sql>;
    // postgres-js (the pool, a transaction, the search pool's tracking proxy) answers raw column bytes and
    // names the prepared statement after its text; PGlite has one connection and no statements to keep.
    if (typeof client.unsafe === "function") {
      return (await client.unsafe(query.sql, params as never[], { prepare: true }).raw()) as unknown as (Uint8Array | null)[][];
    }
    return (await (session.client as PgliteClient).query(query.sql, params, { rowMode: "array" })).rows;
  };
}
