import type { Query, SQL } from "drizzle-orm";
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

/**
 * executePrepared for a statement whose values are all named placeholders (sql.placeholder): its text is
 * compiled once per process, not per call (a long statement costs drizzle ~0.2 ms of our thread to build).
 */
export function preparedStatement(name: string, build: () => SQL): (db: Db, values: Record<string, unknown>) => Promise<unknown> {
  let query: Query | undefined;
  return (db, values) => {
    const { session, dialect } = db as unknown as { session: PgSession; dialect: PgDialect };
    query ??= dialect.sqlToQuery(build());
    return session.prepareQuery(query, undefined, name, false).execute(values);
  };
}
