import { sql, type SQL } from "drizzle-orm";
import { METRIC_BLOCK_WIDTHS } from "../db/schema";
import { executeRows } from "../db/rows";
import type { Db } from "../db/types";

// The dashboard's aggregates: each one GROUP BY over the runs in scope, so a panel over 100,000
// runs reads counts, never the runs themselves. Days are UTC days since the epoch.

export const DAY_MS = 86_400_000;

/** Which active runs a dashboard counts: an experiment (or all), a start window, one slice. */
export interface DashboardScope {
  experimentId?: number;
  /** Runs started at or after this epoch ms. */
  startedFrom?: number;
  userId?: string;
  status?: string;
  /** One UTC day (days since the epoch). */
  day?: number;
}

function scopeWhere(scope: DashboardScope): SQL {
  const conditions: SQL[] = [sql`r.lifecycle_stage = 'active'`];
  if (scope.experimentId !== undefined) conditions.push(sql`r.experiment_id = ${scope.experimentId}`);
  if (scope.startedFrom !== undefined) conditions.push(sql`r.start_time >= ${scope.startedFrom}`);
  if (scope.userId !== undefined) conditions.push(sql`r.user_id = ${scope.userId}`);
  if (scope.status !== undefined) conditions.push(sql`r.status = ${scope.status}`);
  if (scope.day !== undefined) conditions.push(sql`r.start_time >= ${scope.day * DAY_MS} and r.start_time < ${(scope.day + 1) * DAY_MS}`);
  return sql.join(conditions, sql` and `);
}

export async function countRunsPerDay(db: Db, scope: DashboardScope): Promise<{ day: number; runs: number }[]> {
  return executeRows(db, sql`
    select floor(r.start_time / ${DAY_MS}::float8)::int4 as day, count(*)::int4 as runs
    from runs r where ${scopeWhere(scope)} group by 1 order by 1`);
}

export async function countRunsPerUser(db: Db, scope: DashboardScope, limit: number): Promise<{ user: string; runs: number }[]> {
  return executeRows(db, sql`
    select r.user_id as "user", count(*)::int4 as runs
    from runs r where ${scopeWhere(scope)} group by 1 order by runs desc, r.user_id collate "C" limit ${limit}`);
}

export async function countRunsPerStatus(db: Db, scope: DashboardScope): Promise<{ status: string; runs: number }[]> {
  return executeRows(db, sql`
    select r.status, count(*)::int4 as runs
    from runs r where ${scopeWhere(scope)} group by 1 order by runs desc, r.status collate "C"`);
}

export async function countRunsPerExperiment(
  db: Db,
  scope: DashboardScope,
  limit: number,
): Promise<{ experimentId: number; name: string; runs: number }[]> {
  return executeRows(db, sql`
    select c.experiment_id as "experimentId", e.name, c.runs from (
      select r.experiment_id, count(*)::int4 as runs from runs r where ${scopeWhere(scope)} group by 1
    ) c join experiments e on e.experiment_id = c.experiment_id
    order by c.runs desc, c.experiment_id limit ${limit}`);
}

/**
 * Metric keys logged by runs of the experiment (or of any), system metrics left out: a skip scan
 * of latest_metrics_key_value_idx, one probe per distinct key (see run-keys-repository.ts).
 */
export async function findDashboardMetricKeys(db: Db, experimentId: number | undefined, limit: number): Promise<string[]> {
  const used = experimentId === undefined
    ? sql`true`
    : sql`exists (select 1 from latest_metrics x join runs r on r.run_uuid = x.run_uuid where x.key = k.key and r.experiment_id = ${experimentId} limit 1)`;
  const rows = await executeRows<{ key: string }>(db, sql`
    with recursive k(key) as (
      (select key from latest_metrics order by key limit 1)
      union all
      select (select x.key from latest_metrics x where x.key > k.key order by x.key limit 1) from k where k.key is not null
    )
    select k.key from k where k.key is not null and k.key not like 'system/%' and ${used}
    limit ${limit}`);
  return rows.map((r) => r.key);
}

/** The collector's per-GPU utilization series: system/gpu_<i>_… or system/<node>/gpu_<i>_…. */
const GPU_SERIES_PATTERN = "^system/([^/]+/)?gpu_[0-9]+_utilization_percentage$";
const COARSEST_TIME_BLOCK = METRIC_BLOCK_WIDTHS.time[METRIC_BLOCK_WIDTHS.time.length - 1];

/**
 * GPU-hours per user: for every GPU utilization series in scope, the time from its first to its
 * last sample (read from the coarsest time-axis summaries, a few rows per series), summed.
 */
export async function sumGpuHoursPerUser(
  db: Db,
  scope: DashboardScope,
  limit: number,
): Promise<{ user: string; gpuHours: number; runs: number; gpus: number }[]> {
  return executeRows(db, sql`
    with recursive k(key) as (
      (select key from latest_metrics where key >= 'system/' order by key limit 1)
      union all
      select (select x.key from latest_metrics x where x.key > k.key order by x.key limit 1) from k where k.key is not null
    ),
    gpu_keys as (select key from k where key ~ ${GPU_SERIES_PATTERN}),
    series as (
      select r.user_id, lm.run_uuid, lm.key from latest_metrics lm join runs r on r.run_uuid = lm.run_uuid
      where lm.key in (select key from gpu_keys) and ${scopeWhere(scope)}
    ),
    spans as (
      select s.user_id, s.run_uuid, (
        select max(b.last_point[3]) - min(b.first_point[3]) from metric_blocks b
        where b.run_uuid = s.run_uuid and b.key = s.key and b.axis = 'time' and b.width = ${COARSEST_TIME_BLOCK}
      ) as ms from series s
    )
    select user_id as "user", (coalesce(sum(ms), 0) / 3600000.0)::float8 as "gpuHours",
      count(distinct run_uuid)::int4 as runs, count(*)::int4 as gpus
    from spans group by user_id order by "gpuHours" desc, user_id collate "C" limit ${limit}`);
}

/**
 * Per UTC day: how many runs logged `key`, the least and greatest of their latest values (NaN left
 * out), and the latest value of the day's last started run.
 */
export async function summarizeMetricPerDay(
  db: Db,
  scope: DashboardScope,
  key: string,
): Promise<{ day: number; runs: number; min: number; max: number; last: number }[]> {
  return executeRows(db, sql`
    select floor(r.start_time / ${DAY_MS}::float8)::int4 as day, count(*)::int4 as runs,
      min(lm.value)::float8 as min, max(lm.value)::float8 as max,
      ((array_agg(lm.value order by r.start_time desc, r.run_uuid desc))[1])::float8 as last
    from runs r join latest_metrics lm on lm.run_uuid = r.run_uuid and lm.key = ${key} and not lm.is_nan
    where ${scopeWhere(scope)} group by 1 order by 1`);
}
