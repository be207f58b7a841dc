import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../db/types";
import { VALUE_PREFIX_CHARS } from "../db/schema";

// Key and value listings for the runs table's column chooser and filter autocomplete. Each walks
// an index that starts with `key` (params/tags_key_value_idx, latest_metrics_key_value_idx) as a
// skip scan: one index probe per DISTINCT key, instead of reading every (run, key) row — an
// experiment of 100,000 runs × 20 params has 2,000,000 param rows but only 20 keys. Whether the
// experiment uses a key is a LATERAL … LIMIT 1 probe: written as EXISTS, PostgreSQL turns it into
// a semi-join that reads every row of the table (1.1 s instead of 3 ms on that experiment).

export type KeyTable = "params" | "tags" | "latest_metrics";

const TABLES: Record<KeyTable, SQL> = { params: sql.raw("params"), tags: sql.raw("tags"), latest_metrics: sql.raw("latest_metrics") };

/** Distinct keys of `table` that at least one run of the experiments has, in key order. */
export async function findDistinctKeys(db: Db, table: KeyTable, experimentIds: number[], limit: number): Promise<string[]> {
  const t = TABLES[table];
  const rows = await db.execute(sql`
    with recursive k(key) as (
      (select key from ${t} order by key limit 1)
      union all
      select (select x.key from ${t} x where x.key > k.key order by x.key limit 1) from k where k.key is not null
    )
    select k.key from k cross join lateral (
      select 1 from ${t} x join runs r on r.run_uuid = x.run_uuid
      where x.key = k.key and r.experiment_id = any(${sql.param(experimentIds)}::int4[]) limit 1) used
    where k.key is not null
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
      where experiment_id = any(${sql.param(experimentIds)}::int4[]) and lifecycle_stage = 'active'
      order by start_time desc limit ${sampleRuns})
    select p.key from params p join recent r on r.run_uuid = p.run_uuid
    group by p.key having count(distinct p.value) > 1
    order by p.key collate "C"`);
  return rowsOf<{ key: string }>(rows).map((r) => r.key);
}

/**
 * Distinct values (their indexed 200-character prefix) of one param or tag key that start with
 * `prefix`, in value order, as the same kind of skip scan over (key, left(value, 200)).
 */
export async function findDistinctValues(
  db: Db,
  table: "params" | "tags",
  args: { experimentIds: number[]; key: string; prefix: string; limit: number },
): Promise<string[]> {
  const t = TABLES[table];
  const v = sql.raw(`left(x.value, ${VALUE_PREFIX_CHARS})`);
  const low = args.prefix.slice(0, VALUE_PREFIX_CHARS);
  const rows = await db.execute(sql`
    with recursive v(value) as (
      (select ${v} from ${t} x where x.key = ${args.key} and ${v} >= ${low} order by ${v} limit 1)
      union all
      select (select ${v} from ${t} x where x.key = ${args.key} and ${v} > v.value order by ${v} limit 1)
      from v where v.value is not null and starts_with(v.value, ${low})
    )
    select v.value from v cross join lateral (
      select 1 from ${t} x join runs r on r.run_uuid = x.run_uuid
      where x.key = ${args.key} and ${v} = v.value and r.experiment_id = any(${sql.param(args.experimentIds)}::int4[]) limit 1) used
    where v.value is not null and starts_with(v.value, ${low})
    limit ${args.limit}`);
  return rowsOf<{ value: string }>(rows).map((r) => r.value);
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
