import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import { experiments, latestMetrics, params, runs, tags } from "../db/schema";
import { executeRows } from "../db/rows";
import { experimentOfRun } from "./run-experiment";
import type { Db } from "../db/types";
import { anyText } from "./any-of";
import { sortedByKey } from "./key-order";

export type RunRow = typeof runs.$inferSelect;
export type ParamRow = Omit<typeof params.$inferSelect, "valuePrefix" | "experimentId">;
export type TagRow = Omit<typeof tags.$inferSelect, "valuePrefix" | "experimentId">;
export type LatestMetricRow = typeof latestMetrics.$inferSelect;

export async function insertRun(db: Db, row: typeof runs.$inferInsert): Promise<void> {
  await db.insert(runs).values(row);
}

export async function findRunById(db: Db, runId: string): Promise<RunRow | undefined> {
  const [row] = await db.select().from(runs).where(eq(runs.runUuid, runId));
  return row;
}

/**
 * The run and its experiment's lifecycle stage, row-locked for a write transaction: shared by
 * writers that may run side by side, exclusive ("update") for a read-modify-write of the run's data.
 */
export async function lockRunForWrite(
  db: Db,
  runId: string,
  mode: "share" | "update" = "share",
): Promise<{ run: RunRow; experimentStage: string } | undefined> {
  const [row] = await db
    .select({ run: runs, experimentStage: experiments.lifecycleStage })
    .from(runs)
    .innerJoin(experiments, eq(experiments.experimentId, runs.experimentId))
    .where(eq(runs.runUuid, runId))
    .for(mode, { of: runs })
    // Every write asks: prepared, one round trip and no planning (see executePrepared).
    .prepare(`lock_run_for_${mode}`)
    .execute();
  return row;
}

export async function findTagValue(db: Db, runId: string, key: string): Promise<string | undefined> {
  const [row] = await db.select({ value: tags.value }).from(tags).where(and(eq(tags.runUuid, runId), eq(tags.key, key)));
  return row?.value ?? undefined;
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

/** Which keys to load per kind; undefined loads all keys, [] loads none (skipping the query). */
export interface RunDataKeys {
  params?: string[];
  metrics?: string[];
  tags?: string[];
}

export type LatestMetricPoint = Pick<LatestMetricRow, "key" | "value" | "timestamp" | "step" | "isNan">;

/** One run's params, tags and latest metrics, each sorted by key (see key-order.ts). */
export interface RunData {
  params: { key: string; value: string }[];
  tags: { key: string; value: string }[];
  metrics: LatestMetricPoint[];
}

/**
 * Params, tags and latest metrics of a page of runs: three queries, one row per run of JSON arrays that
 * the driver parses natively (per-row decoding of 35,000 entries cost ~25 ms). Sorted here, not in SQL:
 * ordered aggregates cost ~10 ms a page. Raw SQL: the query builder's mapping cost ~5 ms.
 */
export async function findRunData(db: Db, runIds: string[], keys: RunDataKeys = {}): Promise<Map<string, RunData>> {
  const skip = (wanted: string[] | undefined) => runIds.length === 0 || wanted?.length === 0;
  const [paramsByRun, tagsByRun, metricsByRun] = await Promise.all([
    skip(keys.params) ? new Map() : keyValuesByRun(db, params, runIds, keys.params),
    skip(keys.tags) ? new Map() : keyValuesByRun(db, tags, runIds, keys.tags),
    skip(keys.metrics) ? new Map() : latestMetricsByRun(db, runIds, keys.metrics),
  ]);
  return new Map(
    runIds.map((id) => [id, { params: paramsByRun.get(id) ?? [], tags: tagsByRun.get(id) ?? [], metrics: metricsByRun.get(id) ?? [] }]),
  );
}

/** `from <table> where run_uuid = any(…) [and key = any(…)] group by run_uuid`. */
function perRunOf(table: typeof params | typeof tags | typeof latestMetrics, runIds: string[], wanted: string[] | undefined): SQL {
  return sql`from ${table} where ${and(anyText(table.runUuid, runIds), wanted && anyText(table.key, wanted))} group by ${table.runUuid}`;
}

async function keyValuesByRun(
  db: Db,
  table: typeof params | typeof tags,
  runIds: string[],
  wanted: string[] | undefined,
): Promise<Map<string, { key: string; value: string }[]>> {
  const rows = await executeRows<{ run_id: string; keys: string[]; values: string[] }>(
    db,
    sql`select ${table.runUuid} as run_id, json_agg(${table.key}) as keys, json_agg(${table.value}) as values ${perRunOf(table, runIds, wanted)}`,
  );
  return new Map(rows.map((row) => [row.run_id, sortedByKey(row.keys.map((key, i) => ({ key, value: row.values[i] })))]));
}

async function latestMetricsByRun(db: Db, runIds: string[], wanted: string[] | undefined): Promise<Map<string, LatestMetricPoint[]>> {
  const m = latestMetrics;
  const rows = await executeRows<{
    run_id: string;
    keys: string[];
    values: (number | string)[];
    timestamps: number[];
    steps: number[];
    is_nans: boolean[];
  }>(
    db,
    sql`select ${m.runUuid} as run_id, json_agg(${m.key}) as keys, json_agg(${m.value}) as values,
      json_agg(${m.timestamp}) as timestamps, json_agg(${m.step}) as steps, json_agg(${m.isNan}) as is_nans ${perRunOf(m, runIds, wanted)}`,
  );
  return new Map(
    rows.map((row) => [
      row.run_id,
      sortedByKey(
        row.keys.map((key, i) => ({
          key,
          // JSON has no ±Infinity: PostgreSQL writes non-finite doubles as the strings "Infinity" …
          value: Number(row.values[i]),
          timestamp: row.timestamps[i],
          step: row.steps[i],
          isNan: row.is_nans[i],
        })),
      ),
    ]),
  );
}

export async function findParams(db: Db, runId: string, keys: string[]): Promise<ParamRow[]> {
  if (keys.length === 0) return [];
  return db
    .select({ runUuid: params.runUuid, key: params.key, value: params.value })
    .from(params)
    .where(and(eq(params.runUuid, runId), inArray(params.key, keys)));
}

// Rows are written in key order so that concurrent batches on one run take their row locks in the
// same order and cannot deadlock each other.
const byKey = <T extends { key: string }>(rows: T[]) => [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

export async function insertParams(db: Db, rows: ParamRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(params).values(byKey(rows).map((r) => ({ ...r, experimentId: experimentOfRun(r.runUuid) }))).onConflictDoNothing();
}

/** Upserts tags; the caller passes at most one row per key. */
export async function upsertTags(db: Db, rows: TagRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(tags)
    .values(byKey(rows).map((r) => ({ ...r, experimentId: experimentOfRun(r.runUuid) })))
    .onConflictDoUpdate({ target: [tags.runUuid, tags.key], set: { value: sql`excluded.value` } });
}

export async function deleteTag(db: Db, runId: string, key: string): Promise<boolean> {
  const deleted = await db
    .delete(tags)
    .where(and(eq(tags.runUuid, runId), eq(tags.key, key)))
    .returning({ key: tags.key });
  return deleted.length > 0;
}
