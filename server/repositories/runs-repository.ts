import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { experiments, latestMetrics, params, runs, tags } from "../db/schema";
import type { Db } from "../db/types";
import { anyText } from "./any-of";
import type { RunOrderJoin } from "../search/compile-run-search";
import { orderByOf, segmentQueries, type KeyValue, type OrderKey, type SegmentedOrder } from "../search/keyset";

export type RunRow = typeof runs.$inferSelect;
export type ParamRow = typeof params.$inferSelect;
export type TagRow = typeof tags.$inferSelect;
export type LatestMetricRow = typeof latestMetrics.$inferSelect;

export async function insertRun(db: Db, row: typeof runs.$inferInsert): Promise<void> {
  await db.insert(runs).values(row);
}

export async function findRunById(db: Db, runId: string): Promise<RunRow | undefined> {
  const [row] = await db.select().from(runs).where(eq(runs.runUuid, runId));
  return row;
}

/** The run and its experiment's lifecycle stage, row-locked for a write transaction. */
export async function lockRunForWrite(
  db: Db,
  runId: string,
): Promise<{ run: RunRow; experimentStage: string } | undefined> {
  const [row] = await db
    .select({ run: runs, experimentStage: experiments.lifecycleStage })
    .from(runs)
    .innerJoin(experiments, eq(experiments.experimentId, runs.experimentId))
    .where(eq(runs.runUuid, runId))
    .for("share", { of: runs });
  return row;
}

export async function findRunsByIds(db: Db, runIds: string[]): Promise<RunRow[]> {
  if (runIds.length === 0) return [];
  return db.select().from(runs).where(anyText(runs.runUuid, runIds));
}

export async function updateRunRow(
  db: Db,
  runId: string,
  patch: Partial<Pick<RunRow, "name" | "status" | "endTime" | "lifecycleStage" | "deletedTime">>,
): Promise<RunRow | undefined> {
  const [row] = await db.update(runs).set(patch).where(eq(runs.runUuid, runId)).returning();
  return row;
}

/** Params, tags and latest metrics of a page of runs: three queries whatever the page size. */
/** Which keys to load per kind; undefined loads all keys, [] loads none (skipping the query). */
export interface RunDataKeys {
  params?: string[];
  metrics?: string[];
  tags?: string[];
}

export async function findRunData(
  db: Db,
  runIds: string[],
  keys: RunDataKeys = {},
): Promise<{ params: ParamRow[]; tags: TagRow[]; metrics: LatestMetricRow[] }> {
  if (runIds.length === 0) return { params: [], tags: [], metrics: [] };
  const keyFilter = (column: AnyPgColumn, wanted: string[] | undefined) =>
    wanted === undefined ? undefined : anyText(column, wanted);
  const [paramRows, tagRows, metricRows] = await Promise.all([
    keys.params?.length === 0
      ? []
      : db.select().from(params).where(and(anyText(params.runUuid, runIds), keyFilter(params.key, keys.params))).orderBy(params.runUuid, params.key),
    keys.tags?.length === 0
      ? []
      : db.select().from(tags).where(and(anyText(tags.runUuid, runIds), keyFilter(tags.key, keys.tags))).orderBy(tags.runUuid, tags.key),
    keys.metrics?.length === 0
      ? []
      : db
          .select()
          .from(latestMetrics)
          .where(and(anyText(latestMetrics.runUuid, runIds), keyFilter(latestMetrics.key, keys.metrics)))
          .orderBy(latestMetrics.runUuid, latestMetrics.key),
  ]);
  return { params: paramRows, tags: tagRows, metrics: metricRows };
}

export async function findParams(db: Db, runId: string, keys: string[]): Promise<ParamRow[]> {
  if (keys.length === 0) return [];
  return db.select().from(params).where(and(eq(params.runUuid, runId), inArray(params.key, keys)));
}

export async function insertParams(db: Db, rows: ParamRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(params).values(rows).onConflictDoNothing();
}

/** Upserts tags; the caller passes at most one row per key. */
export async function upsertTags(db: Db, rows: TagRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(tags)
    .values(rows)
    .onConflictDoUpdate({ target: [tags.runUuid, tags.key], set: { value: sql`excluded.value` } });
}

export async function deleteTag(db: Db, runId: string, key: string): Promise<boolean> {
  const deleted = await db
    .delete(tags)
    .where(and(eq(tags.runUuid, runId), eq(tags.key, key)))
    .returning({ key: tags.key });
  return deleted.length > 0;
}

/**
 * One page of a run search: rows after the keyset cursor `after`, in `order`, each with its
 * sort-key values (the next page's cursor is the last row's). One query per segment of the order,
 * usually just the first (see OrderSegment).
 */
export async function searchRunPage(db: Db, query: RunPageQuery): Promise<{ run: RunRow; keyValues: unknown[] }[]> {
  const page: { run: RunRow; keyValues: unknown[] }[] = [];
  for (const segment of segmentQueries(query.order, query.after)) {
    if (page.length >= query.limit) break;
    const rows = await runPageSelect(db, {
      where: and(query.where, segment.where),
      joins: query.joins,
      keys: query.order.keys,
      orderBy: segment.keys,
      limit: query.limit - page.length,
    });
    for (const row of rows) {
      page.push({ run: row.run, keyValues: query.order.keys.map((_, i) => (row as Record<string, unknown>)[`k${i}`]) });
    }
  }
  return page;
}

export interface RunPageQuery {
  where: SQL | undefined;
  joins: RunOrderJoin[];
  order: SegmentedOrder;
  after?: KeyValue[];
  limit: number;
}

/**
 * One segment's SELECT, unexecuted (bench/search EXPLAINs exactly the SQL the server runs): the
 * run and every key of the order (`k0`, `k1` …), sorted by the segment's keys.
 */
export function runPageSelect(
  db: Db,
  query: { where: SQL | undefined; joins: RunOrderJoin[]; keys: OrderKey[]; orderBy: OrderKey[]; limit: number },
) {
  const keyColumns = Object.fromEntries(query.keys.map((key, i) => [`k${i}`, key.expr]));
  let select = db.select({ run: runs, ...keyColumns }).from(runs).$dynamic();
  for (const join of query.joins) select = select.leftJoin(join.table, join.on);
  return select
    .where(query.where)
    .orderBy(...orderByOf(query.orderBy))
    .limit(query.limit);
}
