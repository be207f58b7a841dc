import type { SQL } from "drizzle-orm";
import type { PgDialect, PgSession } from "drizzle-orm/pg-core";
import type { Db } from "./types";

/**
 * Runs a fixed-shape statement (the same text every time, values as parameters) as a prepared statement:
 * postgres-js parses it once per connection and sends each later call as one Bind/Execute round trip, and
 * PostgreSQL soon reuses its plan. Unprepared, every call costs a Describe round trip plus a full plan (the
 * metric append's 30-CTE plan: ~1.5 ms). Drizzle prepares only named queries, hence its session here.
 * PGlite runs it as any query. Answers what db.execute answers.
 */
export function executePrepared(db: Db, query: SQL, name: string): Promise<unknown> {
  const { session, dialect } = db as unknown as { session: PgSession; dialect: PgDialect };
  return session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute();
}
