import { and, getTableColumns, sql, type SQL } from "drizzle-orm";
import { runs } from "../db/schema";
import { executeRows } from "../db/rows";
import type { Db } from "../db/types";
import type { RunOrderJoin } from "../search/compile-run-search";
import { orderByOf, segmentQueries, type CursorValue, type SortKey, type SegmentedOrder } from "../search/keyset";
import type { RunRow } from "./runs-repository";

// The keyset search over runs (runs/search, the runs table, CSV export); run CRUD is in runs-repository.ts.

/**
 * One page of a run search: rows after the keyset cursor `after`, in `order`, each with its
 * sort-key values (the next page's cursor is the last row's). One query per segment of the order,
 * usually just the first (see OrderSegment).
 */
export async function searchRunPage(db: Db, query: RunPageQuery): Promise<{ run: RunRow; keyValues: unknown[] }[]> {
  const page: { run: RunRow; keyValues: unknown[] }[] = [];
  for (const segment of segmentQueries(query.order, query.after)) {
    if (page.length >= query.limit) break;
    const select = {
      where: and(query.where, segment.where),
      joins: query.joins,
      keys: query.order.keys,
      orderBy: segment.keys,
      limit: query.limit - page.length,
    };
    for (const row of await executeRows<Record<string, unknown>>(db, segmentPageSql(db, select, segment))) {
      page.push({ run: toRunRow(row), keyValues: query.order.keys.map((_, i) => row[`k${i}`]) });
    }
  }
  return page;
}

const RUN_COLUMNS = Object.entries(getTableColumns(runs));

/**
 * A runs row as the driver answers it (column names; int8 as text or bigint) as a RunRow: what the
 * query builder's own mapping does, without its per-field type checks, which cost ~7 ms of CPU
 * for a 1000-run page. (The page query is executed as raw SQL for that reason only.)
 */
function toRunRow(row: Record<string, unknown>): RunRow {
  const run: Record<string, unknown> = {};
  for (const [field, column] of RUN_COLUMNS) {
    const value = row[column.name];
    run[field] = value === null ? null : column.mapFromDriverValue(value);
  }
  return run as RunRow;
}

export interface RunPageQuery {
  where: SQL | undefined;
  joins: RunOrderJoin[];
  order: SegmentedOrder;
  after?: CursorValue[];
  limit: number;
}

/**
 * One segment's SELECT, unexecuted (bench/search EXPLAINs exactly the SQL the server runs): the
 * run and every key of the order (`k0`, `k1` …), sorted by the segment's keys.
 */
export function runPageSelect(
  db: Db,
  query: { where: SQL | undefined; joins: RunOrderJoin[]; keys: SortKey[]; orderBy: SortKey[]; limit: number },
) {
  return runPageSelectUnlimited(db, query)
    .orderBy(...orderByOf(query.orderBy))
    .limit(query.limit);
}

/** The SQL of one segment's page, as the server runs it (bench/search EXPLAINs it too). */
export function segmentPageSql(
  db: Db,
  query: { where: SQL | undefined; joins: RunOrderJoin[]; keys: SortKey[]; orderBy: SortKey[]; limit: number },
  segment: { at: number[]; walked: boolean },
): SQL {
  return segment.walked ? walkedPageSql(runPageSelectUnlimited(db, query), segment.at, query) : runPageSelect(db, query).getSQL();
}

function runPageSelectUnlimited(db: Db, query: { where: SQL | undefined; joins: RunOrderJoin[]; keys: SortKey[] }) {
  const keyColumns = Object.fromEntries(query.keys.map((key, i) => [`k${i}`, sql`${key.expr}`.as(`k${i}`)]));
  let select = db.select({ run: runs, ...keyColumns }).from(runs).$dynamic();
  for (const join of query.joins) select = select.leftJoin(join.table, join.on);
  return select.where(query.where);
}

/**
 * A segment walking a metric's value index: ordered by the walked value (which the index delivers), cut
 * after the page WITH TIES, then the few kept rows sorted fully. Asked for the whole order, PostgreSQL
 * sorts every walked row when it believes the experiment small (fresh data).
 */
function walkedPageSql(
  unlimited: ReturnType<typeof runPageSelectUnlimited>,
  at: number[],
  query: { orderBy: SortKey[]; limit: number },
): SQL {
  const inner = unlimited.orderBy(...orderByOf(query.orderBy.slice(0, 1))).getSQL();
  const outer = query.orderBy.map((key, i) => ({ ...key, expr: sql.identifier(`k${at[i]}`) as unknown as SQL }));
  return sql`select * from (${inner} fetch first (${query.limit}) rows with ties) page order by ${sql.join(orderByOf(outer), sql`, `)} limit ${query.limit}`;
}
