import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/types";
import { VALUE_PREFIX_CHARS, type ExperimentKeyKind } from "../db/schema";

// Keys and values for the column chooser and filter autocomplete. Keys come from experiment_keys: O(keys)
// whatever the number of runs. Values skip-scan params/tags_experiment_key_value_idx within the experiment:
// one probe per DISTINCT value, never another experiment's row.

export type KeyTable = "params" | "tags" | "latest_metrics";

const TABLES: Record<KeyTable, SQL> = { params: sql.raw("params"), tags: sql.raw("tags"), latest_metrics: sql.raw("latest_metrics") };
const KINDS: Record<KeyTable, ExperimentKeyKind> = { params: "param", tags: "tag", latest_metrics: "metric" };

/** Distinct keys of `table` that at least one run of the experiments has had, in key order. */
export async function findDistinctKeys(db: Db, table: KeyTable, experimentIds: number[], limit: number): Promise<string[]> {
  const rows = await db.execute(sql`
    select distinct key from experiment_keys
    where experiment_id = any(${sql.param(experimentIds)}::int4[]) and kind = ${KINDS[table]}
    order by key
    limit ${limit}`);
  return rowsOf<{ key: string }>(rows).map((r) => r.key);
}

/**
 * Param keys with more than one value among the experiments' `sampleRuns` most recently started
 * active runs, in key order: what tells a sweep's runs apart (the runs table shows these first).
 * Recent runs only, so that it costs the same on an experiment of 100 or 100,000 runs.
 */
export async function findVaryingParamKeys(db: Db, experimentIds: number[], sampleRuns: number): Promise<string[]> {
  const rows = await db.execute(sql`
    with recent as (
      select run_uuid from runs
      where ${inExperiments(experimentIds)} and lifecycle_stage = 'active'
      order by start_time desc nulls last limit ${sampleRuns})
    select p.key from params p join recent r on r.run_uuid = p.run_uuid
    group by p.key having count(distinct p.value) > 1
    order by p.key collate "C"`);
  return rowsOf<{ key: string }>(rows).map((r) => r.key);
}

/**
 * Distinct values (their indexed 200-character prefix) of one param or tag key that start with
 * `prefix`, in value order: per experiment a skip scan over (experiment_id, key, value_prefix)
 * that stops after `limit` values, then the experiments' values merged.
 */
export async function findDistinctValues(
  db: Db,
  table: "params" | "tags",
  args: { experimentIds: number[]; key: string; prefix: string; limit: number },
): Promise<string[]> {
  const t = TABLES[table];
  const low = args.prefix.slice(0, VALUE_PREFIX_CHARS);
  const rows = await db.execute(sql`
    with recursive v(experiment_id, value, n) as (
      select e, (select min(x.value_prefix) from ${t} x where x.experiment_id = e and x.key = ${args.key} and x.value_prefix >= ${low}), 1
      from unnest(${sql.param(args.experimentIds)}::int4[]) e
      union all
      select v.experiment_id,
        (select min(x.value_prefix) from ${t} x where x.experiment_id = v.experiment_id and x.key = ${args.key} and x.value_prefix > v.value),
        v.n + 1
      from v where v.value is not null and starts_with(v.value, ${low}) and v.n < ${args.limit}
    )
    select distinct value from v
    where value is not null and starts_with(value, ${low})
    order by value
    limit ${args.limit}`);
  return rowsOf<{ value: string }>(rows).map((r) => r.value);
}

/**
 * One experiment as an equality, so that runs_experiment_start_idx (start_time DESC NULLS LAST, as
 * the ORDER BY must say) delivers the order and the LIMIT stops early; with `= any(array)` or
 * another NULLS order PostgreSQL sorts every run of the experiment.
 */
function inExperiments(ids: number[]): SQL {
  return ids.length === 1 ? sql`experiment_id = ${ids[0]}` : sql`experiment_id = any(${sql.param(ids)}::int4[])`;
}

/** Min and max (NaN points excluded) of each of `keys` over the full history of each run. */
export async function findMetricRanges(
  db: Db,
  runIds: string[],
  keys: string[],
): Promise<{ runId: string; key: string; min: number | null; max: number | null }[]> {
  const rows = await db.execute(sql`
    select run_uuid as run_id, key, min(value) filter (where not is_nan) as min, max(value) filter (where not is_nan) as max
    from metrics
    where run_uuid = any(${sql.param(runIds)}::text[]) and key = any(${sql.param(keys)}::text[])
    group by run_uuid, key
    order by run_uuid, key`);
  const num = (v: number | string | null) => (v === null ? null : Number(v));
  return rowsOf<{ run_id: string; key: string; min: number | string | null; max: number | string | null }>(rows).map((r) => ({ runId: r.run_id, key: r.key, min: num(r.min), max: num(r.max) }));
}

/** How many runs (in `stages`) name each of `parentIds` as their mlflow.parentRunId. */
export async function countChildren(db: Db, parentIds: string[], stages: string[]): Promise<{ parentId: string; count: number }[]> {
  const v = sql.raw(`left(t.value, ${VALUE_PREFIX_CHARS})`);
  const rows = await db.execute(sql`
    select t.value as parent_id, count(*) as count
    from tags t join runs r on r.run_uuid = t.run_uuid
    where t.key = 'mlflow.parentRunId' and ${v} = any(${sql.param(parentIds)}::text[])
      and r.lifecycle_stage = any(${sql.param(stages)}::text[])
    group by t.value`);
  return rowsOf<{ parent_id: string; count: number | string }>(rows).map((r) => ({ parentId: r.parent_id, count: Number(r.count) }));
}

// postgres-js answers an array of rows, PGlite an object with `rows`.
function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}
