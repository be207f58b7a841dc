import { and, eq, ne, sql, type SQL } from "drizzle-orm";
import { loggedModelMetrics, loggedModelParams, loggedModels, loggedModelTags } from "../db/schema";
import { numberArrayLiteral, textArrayLiteral } from "../db/pg-array";
import { executeRows } from "../db/rows";
import type { Db } from "../db/types";
import { anyText } from "./any-of";

export type LoggedModelRow = typeof loggedModels.$inferSelect;
export type LoggedModelMetricRow = typeof loggedModelMetrics.$inferSelect;

export async function insertLoggedModel(db: Db, row: typeof loggedModels.$inferInsert): Promise<void> {
  await db.insert(loggedModels).values(row);
}

/** The model, deleted ones included (callers decide whether those count). */
export async function findLoggedModelById(db: Db, modelId: string): Promise<LoggedModelRow | undefined> {
  const [row] = await db.select().from(loggedModels).where(eq(loggedModels.modelId, modelId));
  return row;
}

/** Of `modelIds`, those naming a model that is not deleted. */
export async function findActiveLoggedModelIds(db: Db, modelIds: string[]): Promise<Set<string>> {
  if (modelIds.length === 0) return new Set();
  const rows = await db
    .select({ id: loggedModels.modelId })
    .from(loggedModels)
    .where(and(anyText(loggedModels.modelId, modelIds), ne(loggedModels.lifecycleStage, "deleted")));
  return new Set(rows.map((r) => r.id));
}

export async function updateLoggedModelRow(
  db: Db,
  modelId: string,
  patch: Partial<Pick<LoggedModelRow, "status" | "lifecycleStage" | "lastUpdatedTimestampMs">>,
): Promise<LoggedModelRow | undefined> {
  const [row] = await db.update(loggedModels).set(patch).where(eq(loggedModels.modelId, modelId)).returning();
  return row;
}

/** Upserts tags (the last value per key wins); the caller passes at most one row per key. */
export async function upsertLoggedModelTags(db: Db, model: { modelId: string; experimentId: number }, tags: { key: string; value: string }[]) {
  if (tags.length === 0) return;
  await db
    .insert(loggedModelTags)
    .values(tags.map((t) => ({ ...model, tagKey: t.key, tagValue: t.value })))
    .onConflictDoUpdate({ target: [loggedModelTags.modelId, loggedModelTags.tagKey], set: { tagValue: sql`excluded.tag_value` } });
}

export async function deleteLoggedModelTag(db: Db, modelId: string, key: string): Promise<boolean> {
  const deleted = await db
    .delete(loggedModelTags)
    .where(and(eq(loggedModelTags.modelId, modelId), eq(loggedModelTags.tagKey, key)))
    .returning({ key: loggedModelTags.tagKey });
  return deleted.length > 0;
}

export async function findLoggedModelParams(db: Db, modelId: string, keys: string[]): Promise<{ key: string; value: string }[]> {
  if (keys.length === 0) return [];
  return db
    .select({ key: loggedModelParams.paramKey, value: loggedModelParams.paramValue })
    .from(loggedModelParams)
    .where(and(eq(loggedModelParams.modelId, modelId), anyText(loggedModelParams.paramKey, keys)));
}

export async function insertLoggedModelParams(db: Db, model: { modelId: string; experimentId: number }, params: { key: string; value: string }[]) {
  if (params.length === 0) return;
  await db
    .insert(loggedModelParams)
    .values(params.map((p) => ({ ...model, paramKey: p.key, paramValue: p.value })))
    .onConflictDoNothing();
}

/** A metric point logged against a model (NaN allowed: stored as PostgreSQL's NaN). */
export interface ModelMetricPoint {
  modelId: string;
  key: string;
  value: number;
  timestamp: number;
  step: number;
  datasetName?: string;
  datasetDigest?: string;
}

/**
 * Appends points to their models' metrics in one statement (columns as array parameters, as the
 * run history does). Each row takes its model's experiment; points for ids naming no model are
 * skipped; a replayed point (same model, key, timestamp, step, run and dataset) is ignored.
 */
export async function insertLoggedModelMetrics(db: Db, runId: string, points: ModelMetricPoint[]): Promise<void> {
  if (points.length === 0) return;
  await db.execute(sql`
    insert into logged_model_metrics
      (model_id, metric_name, metric_timestamp_ms, metric_step, metric_value, experiment_id, run_id, dataset_name, dataset_digest)
    select p.model_id, p.key, p.ts, p.step, p.value, m.experiment_id, ${runId}, p.dataset_name, p.dataset_digest
    from unnest(
      ${textArrayLiteral(points.map((p) => p.modelId))}::text[], ${textArrayLiteral(points.map((p) => p.key))}::text[],
      ${numberArrayLiteral(points.map((p) => p.timestamp))}::int8[], ${numberArrayLiteral(points.map((p) => p.step))}::int8[],
      ${numberArrayLiteral(points.map((p) => p.value))}::float8[],
      ${textArrayLiteral(points.map((p) => p.datasetName))}::text[], ${textArrayLiteral(points.map((p) => p.datasetDigest))}::text[]
    ) as p(model_id, key, ts, step, value, dataset_name, dataset_digest)
    join logged_models m on m.model_id = p.model_id
    on conflict do nothing`);
}

/** Tags, params and metrics of a page of models: three queries whatever the page size. */
export async function findLoggedModelData(db: Db, modelIds: string[]) {
  if (modelIds.length === 0) return { tags: [], params: [], metrics: [] };
  const [tags, params, metrics] = await Promise.all([
    db.select().from(loggedModelTags).where(anyText(loggedModelTags.modelId, modelIds)).orderBy(loggedModelTags.modelId, loggedModelTags.tagKey),
    db.select().from(loggedModelParams).where(anyText(loggedModelParams.modelId, modelIds)).orderBy(loggedModelParams.modelId, loggedModelParams.paramKey),
    db
      .select()
      .from(loggedModelMetrics)
      .where(anyText(loggedModelMetrics.modelId, modelIds))
      .orderBy(
        loggedModelMetrics.modelId,
        loggedModelMetrics.metricName,
        loggedModelMetrics.metricStep,
        loggedModelMetrics.metricTimestampMs,
        loggedModelMetrics.datasetName,
        loggedModelMetrics.datasetDigest,
      ),
  ]);
  return { tags, params, metrics };
}

export interface LoggedModelPageQuery {
  experimentIds: number[];
  /** Compiled filter over the alias `lm` (see compile-logged-model-search.ts). */
  where: SQL | undefined;
  joins: SQL[];
  orderBy: SQL[];
  limit: number;
  offset: number;
}

/**
 * The SQL of one page of a logged-model search (model rows in order), unexecuted: bench/models
 * EXPLAINs it. The order is found on model ids alone and the rows joined afterwards: sorting
 * 10,000 whole rows to keep 51 cost more than the join and the ranking together.
 */
export function loggedModelPageSql(query: LoggedModelPageQuery): SQL {
  const pageIds = sql`select lm.model_id from logged_models lm ${sql.join(query.joins, sql` `)}
    where lm.experiment_id = any(${sql.param(query.experimentIds)}::int4[]) and lm.lifecycle_stage <> 'deleted'
      ${query.where ? sql`and ${query.where}` : sql``}
    order by ${sql.join(query.orderBy, sql`, `)}
    limit ${query.limit} offset ${query.offset}`;
  return sql`select m.* from unnest(array(${pageIds})) with ordinality as page(model_id, n)
    join logged_models m on m.model_id = page.model_id
    order by page.n`;
}

/** One page of a logged-model search, as rows (the query is raw SQL, so columns are mapped here). */
export async function searchLoggedModelPage(db: Db, query: LoggedModelPageQuery): Promise<LoggedModelRow[]> {
  const rows = await executeRows<Record<string, unknown>>(db, loggedModelPageSql(query));
  // int8 columns arrive as strings from postgres-js; epoch milliseconds are safe integers.
  return rows.map((r) => ({
    modelId: r.model_id as string,
    experimentId: Number(r.experiment_id),
    name: r.name as string,
    artifactLocation: r.artifact_location as string,
    creationTimestampMs: Number(r.creation_timestamp_ms),
    lastUpdatedTimestampMs: Number(r.last_updated_timestamp_ms),
    status: Number(r.status),
    lifecycleStage: r.lifecycle_stage as string,
    modelType: (r.model_type as string | null) ?? null,
    sourceRunId: (r.source_run_id as string | null) ?? null,
    statusMessage: (r.status_message as string | null) ?? null,
  }));
}

/**
 * The checkpoints of some runs: models they logged (source_run_id) or recorded as outputs, not
 * deleted. Restricted to the runs' experiments so the experiment index bounds the scan.
 */
export async function findLoggedModelsOfRuns(db: Db, query: { experimentIds: number[]; runIds: string[]; outputModelIds: string[] }): Promise<LoggedModelRow[]> {
  if (query.runIds.length === 0) return [];
  return db
    .select()
    .from(loggedModels)
    .where(
      and(
        sql`${loggedModels.experimentId} = any(${sql.param(query.experimentIds)}::int4[])`,
        ne(loggedModels.lifecycleStage, "deleted"),
        sql`(${anyText(loggedModels.sourceRunId, query.runIds)} or ${anyText(loggedModels.modelId, query.outputModelIds)})`,
      ),
    )
    .orderBy(loggedModels.creationTimestampMs, loggedModels.modelId);
}

export interface LoggedModelLocation {
  artifactLocation: string;
  sourceRunId: string | null;
}

/** Where a (not deleted) MLflow 3 logged model keeps its artifacts, for `models:/m-…` sources. */
export async function findLoggedModelLocation(db: Db, modelId: string): Promise<LoggedModelLocation | undefined> {
  const [row] = await db
    .select({ artifactLocation: loggedModels.artifactLocation, sourceRunId: loggedModels.sourceRunId })
    .from(loggedModels)
    .where(and(eq(loggedModels.modelId, modelId), eq(loggedModels.lifecycleStage, "active")));
  return row;
}

/** The logged model tag that lists the registered versions made from it (MLflow's name). */
export const MODEL_VERSIONS_TAG = "mlflow.modelVersions";

/**
 * Adds `{name, version}` to the logged model's `mlflow.modelVersions` tag (a JSON list), as MLflow
 * does on registration. The logged model's row lock keeps two registrations from losing one
 * another. Returns false when there is no such logged model.
 */
export async function recordLoggedModelRegistration(db: Db, modelId: string, registration: { name: string; version: number }): Promise<boolean> {
  const [model] = await db
    .select({ experimentId: loggedModels.experimentId })
    .from(loggedModels)
    .where(eq(loggedModels.modelId, modelId))
    .for("update");
  if (!model) return false;
  const [tag] = await db
    .select({ value: loggedModelTags.tagValue })
    .from(loggedModelTags)
    .where(and(eq(loggedModelTags.modelId, modelId), eq(loggedModelTags.tagKey, MODEL_VERSIONS_TAG)));
  const value = JSON.stringify([...parseRegistrations(tag?.value), registration]);
  await db
    .insert(loggedModelTags)
    .values({ modelId, experimentId: model.experimentId, tagKey: MODEL_VERSIONS_TAG, tagValue: value })
    .onConflictDoUpdate({ target: [loggedModelTags.modelId, loggedModelTags.tagKey], set: { tagValue: value } });
  return true;
}

function parseRegistrations(value: string | undefined): unknown[] {
  if (!value) return [];
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return []; // a hand-edited tag that is not a list is replaced rather than failing the registration
  }
}
