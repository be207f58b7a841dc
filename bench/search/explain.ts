import { and } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { drizzle } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import * as schema from "../../server/db/schema";
import type { Db } from "../../server/db/types";
import { segmentPageSql } from "../../server/repositories/run-search-repository";
import { compileRunSearch } from "../../server/search/compile-run-search";
import { segmentQueries } from "../../server/search/keyset";

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the page query the server runs first for a search's first page:
 * compiled by the server's own modules (compileRunSearch, segmentQueries, segmentPageSql) on the
 * same driver, so the SQL text and its parameters are exactly those of the REST call. (An order
 * led by a metric is served in segments; the first segment's query answers a full first page.)
 */
export async function explainRunSearch(
  sql: Sql,
  request: { experimentIds: number[]; filter: string; orderBy: string[]; limit: number },
): Promise<{ text: string; params: unknown[]; plan: string }> {
  const db = drizzle(sql, { schema }) as unknown as Db;
  const plan = compileRunSearch({ ...request, runViewType: "ACTIVE_ONLY" });
  // The service asks for one row more than the page, to know whether a next page exists.
  const [first] = segmentQueries(plan.order);
  const page = { where: and(plan.where, first.where), joins: plan.joins, keys: plan.order.keys, orderBy: first.keys, limit: request.limit + 1 };
  const query = new PgDialect().sqlToQuery(segmentPageSql(db, page, first));
  const rows = await sql.unsafe(`explain${process.env.EXPLAIN_NO_ANALYZE ? "" : " (analyze, buffers)"} ${query.sql}`, query.params as never[]);
  return { text: query.sql, params: query.params, plan: rows.map((r) => r["QUERY PLAN"]).join("\n") };
}
