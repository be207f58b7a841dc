import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "./schema";
import type { SearchBudget } from "./search-budget";
import type { ReadRouter } from "./read-replica";

/** One database type over both drivers (postgres-js and PGlite); repositories take this. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type DbKind = "postgres" | "pglite";

export interface DbHandle {
  db: Db;
  kind: DbKind;
  /** Where searches run, apart from writes (see search-budget.ts). */
  search: SearchBudget;
  /** Where each caller's searches and reads go: the primary, or a read replica (see read-replica.ts). */
  reads: ReadRouter;
  close(): Promise<void>;
}
