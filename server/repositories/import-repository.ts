import { eq, sql } from "drizzle-orm";
import {
  experiments,
  experimentTags,
  loggedModels,
  modelVersions,
  modelVersionTags,
  registeredModelAliases,
  registeredModels,
  registeredModelTags,
  runs,
} from "../db/schema";
import { executeRows } from "../db/rows";
import { experimentOfRun } from "./run-experiment";
import type { Db } from "../db/types";
import { numberArrayLiteral, textArrayLiteral } from "../db/pg-array";
import { insertLoggedModelParams, upsertLoggedModelTags } from "./logged-models-repository";

// Writes of `metron import`: MLflow's rows copied with their own ids, each statement a no-op when
// the row is already there, so that an import run again (after an interruption, or to pick up what
// the source gained since) writes only what is missing.

type KeyValue = { key: string; value: string };

/** Inserts an experiment with the id it had in MLflow; keeps the serial ahead of imported ids. */
export async function insertExperimentWithId(db: Db, row: typeof experiments.$inferInsert): Promise<void> {
  await db.insert(experiments).values(row).onConflictDoNothing();
  await db.execute(sql`select setval(pg_get_serial_sequence('experiments', 'experiment_id'),
    greatest((select max(experiment_id) from experiments), 1))`);
}

/** An experiment found again (the Default one, or an earlier import's) takes the source's lifecycle and times. */
export async function adoptExperimentState(
  db: Db,
  id: number,
  state: Pick<typeof experiments.$inferInsert, "lifecycleStage" | "creationTime" | "lastUpdateTime">,
): Promise<void> {
  await db.update(experiments).set(state).where(eq(experiments.experimentId, id));
}

export async function upsertExperimentTags(db: Db, experimentId: number, rows: KeyValue[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(experimentTags)
    .values(rows.map((t) => ({ experimentId, ...t })))
    .onConflictDoUpdate({ target: [experimentTags.experimentId, experimentTags.key], set: { value: sql`excluded.value` } });
}

/** The run row as the source has it now (status and end time may have moved since a first import). */
export async function upsertImportedRun(db: Db, row: typeof runs.$inferInsert): Promise<void> {
  const { runUuid: _id, experimentId: _experiment, ...changing } = row;
  await db.insert(runs).values(row).onConflictDoUpdate({ target: runs.runUuid, set: changing });
}

/** Points per metric key of a run, as stored: compared with the source's to find what is missing. */
export async function countRunPoints(db: Db, runId: string): Promise<Map<string, number>> {
  const rows = await executeRows<{ key: string; n: string | number }>(
    db,
    sql`select key, count(*) as n from metrics where run_uuid = ${runId} group by key`,
  );
  return new Map(rows.map((r) => [r.key, Number(r.n)]));
}

/** latest_metrics of a run from its whole history: the greatest (step, timestamp, value) per key. */
export async function refreshLatestMetrics(db: Db, runId: string): Promise<void> {
  await db.execute(sql`
    insert into latest_metrics (run_uuid, key, step, "timestamp", value, is_nan, experiment_id)
    select distinct on (key) run_uuid, key, step, "timestamp", value, is_nan, ${experimentOfRun(runId)} from metrics
    where run_uuid = ${runId}
    order by key, step desc, "timestamp" desc, value desc
    on conflict (run_uuid, key) do update
      set step = excluded.step, "timestamp" = excluded."timestamp", value = excluded.value, is_nan = excluded.is_nan`);
}

export async function insertImportedLoggedModel(
  db: Db,
  model: typeof loggedModels.$inferInsert,
  data: {
    params: KeyValue[];
    tags: KeyValue[];
    metrics: { key: string; value: number; timestamp: number; step: number; runId: string; datasetName: string | null; datasetDigest: string | null }[];
  },
): Promise<void> {
  const { modelId, experimentId } = model;
  await db.insert(loggedModels).values(model).onConflictDoNothing();
  await insertLoggedModelParams(db, { modelId, experimentId }, data.params);
  await upsertLoggedModelTags(db, { modelId, experimentId }, data.tags);
  const m = data.metrics;
  if (m.length === 0) return;
  await db.execute(sql`
    insert into logged_model_metrics
      (model_id, metric_name, metric_timestamp_ms, metric_step, metric_value, experiment_id, run_id, dataset_name, dataset_digest)
    select ${modelId}, p.key, p.ts, p.step, p.value, ${experimentId}, p.run_id, p.dataset_name, p.dataset_digest
    from unnest(
      ${textArrayLiteral(m.map((p) => p.key))}::text[], ${numberArrayLiteral(m.map((p) => p.timestamp))}::int8[],
      ${numberArrayLiteral(m.map((p) => p.step))}::int8[], ${numberArrayLiteral(m.map((p) => p.value))}::float8[],
      ${textArrayLiteral(m.map((p) => p.runId))}::text[],
      ${textArrayLiteral(m.map((p) => p.datasetName))}::text[], ${textArrayLiteral(m.map((p) => p.datasetDigest))}::text[]
    ) as p(key, ts, step, value, run_id, dataset_name, dataset_digest)
    on conflict do nothing`);
}

export async function insertImportedRegisteredModel(
  db: Db,
  model: typeof registeredModels.$inferInsert,
  data: {
    tags: KeyValue[];
    aliases: { alias: string; version: number }[];
    versions: { row: Omit<typeof modelVersions.$inferInsert, "name">; tags: KeyValue[] }[];
  },
): Promise<void> {
  const { name } = model;
  await db.insert(registeredModels).values(model).onConflictDoNothing();
  if (data.tags.length > 0) {
    await db.insert(registeredModelTags).values(data.tags.map((t) => ({ name, ...t }))).onConflictDoNothing();
  }
  for (const v of data.versions) {
    await db.insert(modelVersions).values({ ...v.row, name }).onConflictDoNothing();
    if (v.tags.length > 0) {
      await db.insert(modelVersionTags).values(v.tags.map((t) => ({ name, version: v.row.version, ...t }))).onConflictDoNothing();
    }
  }
  if (data.aliases.length > 0) {
    await db.insert(registeredModelAliases).values(data.aliases.map((a) => ({ name, ...a }))).onConflictDoNothing();
  }
}

/** Rows per entity, for the verification table (experiment ids: those imported). */
export async function countImported(db: Db, experimentIds: number[], modelNames: string[]) {
  const ids = numberArrayLiteral(experimentIds);
  const names = textArrayLiteral(modelNames);
  const [row] = await executeRows<Record<string, string | number>>(
    db,
    sql`with r as (select run_uuid from runs where experiment_id = any(${ids}::int[]))
    select
      (select count(*) from experiments where experiment_id = any(${ids}::int[])) as experiments,
      (select count(*) from r) as runs,
      (select count(*) from params where run_uuid in (select run_uuid from r)) as params,
      (select count(*) from tags where run_uuid in (select run_uuid from r)) as tags,
      (select count(*) from metrics where run_uuid in (select run_uuid from r)) as metric_points,
      (select count(*) from inputs where source_type = 'DATASET' and destination_id in (select run_uuid from r)) as dataset_inputs,
      (select count(*) from logged_models where experiment_id = any(${ids}::int[])) as logged_models,
      (select count(*) from registered_models where name = any(${names}::text[])) as registered_models,
      (select count(*) from model_versions where name = any(${names}::text[])) as model_versions`,
  );
  return {
    experiments: Number(row.experiments),
    runs: Number(row.runs),
    params: Number(row.params),
    tags: Number(row.tags),
    metricPoints: Number(row.metric_points),
    datasetInputs: Number(row.dataset_inputs),
    loggedModels: Number(row.logged_models),
    registeredModels: Number(row.registered_models),
    modelVersions: Number(row.model_versions),
  };
}
