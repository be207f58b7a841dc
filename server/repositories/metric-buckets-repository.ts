import { sql, type SQL } from "drizzle-orm";
import { executeRows } from "../db/rows";
import type { Db } from "../db/types";

/** What a chart's x-axis measures: the step, the wall-clock time (ms), or ms since the run started. */
export type XAxis = "step" | "time" | "relative";

export interface BucketQuery {
  series: { runId: string; key: string }[];
  x: XAxis;
  /** Inclusive bounds in x units; an open side means "from/to the series' own first/last x". */
  window: { min?: number; max?: number };
  /** At most this many buckets per series; a window holding no more points returns them one by one. */
  buckets: number;
}

/** One bucket of a series; in exact mode one point (count 1, min = max = last = its value). */
export interface BucketRow {
  /** Index of the series in the query. */
  series: number;
  /** Points of the series inside the window (the same on every row of a series). */
  total: number;
  xFirst: number;
  xLast: number;
  stepFirst: number;
  stepLast: number;
  /** Extremes without NaN points; null when every point of the bucket is NaN. */
  min: number | null;
  max: number | null;
  /** Value of the bucket's last point in (x, step, timestamp, value) order; NaN stays NaN. */
  last: number;
  count: number;
}

/**
 * Series downsampled by the database: for each (run, key) at most `buckets` rows, whatever the
 * history's length — equal-width x buckets over the window with first/last x and step, min, max,
 * last value and count; or every point (count 1) when the window holds no more than `buckets`.
 * Rows come ordered by series, then x (ties: step, timestamp, value, NaN last).
 */
export async function findMetricBuckets(db: Db, query: BucketQuery): Promise<BucketRow[]> {
  if (query.series.length === 0) return [];
  const series = JSON.stringify(query.series.map((s, ord) => ({ ord, run_id: s.runId, key: s.key })));
  const n = query.buckets;
  const rows = await executeRows<Record<string, unknown>>(
    db,
    sql`
    with series as (
      select ord, run_id, key from json_to_recordset(${series}::json) as s(ord int, run_id text, key text)
    ), points as (
      select s.ord, m.step, m."timestamp", ${xExpression(query.x)} as x,
             case when m.is_nan then 'NaN'::float8 else m.value end as v, m.is_nan
      from series s
      ${query.x === "relative" ? sql`join runs r on r.run_uuid = s.run_id` : sql``}
      join metrics m on m.run_uuid = s.run_id and m.key = s.key
      where ${windowCondition(query)}
    ), spans as (
      select ord, count(*) as total,
             coalesce(${query.window.min ?? null}::float8, min(x)::float8) as lo,
             coalesce(${query.window.max ?? null}::float8, max(x)::float8) as hi
      from points group by ord
    ), bucketed as (
      -- Exact mode (bucket null) groups by the point itself: the primary key makes it unique.
      select p.*, sp.total,
             case when sp.total <= ${n}::int then null
                  when sp.hi <= sp.lo then 0
                  else least(${n}::int - 1, floor((p.x - sp.lo) * ${n}::int / (sp.hi - sp.lo)))::int end as bucket
      from points p join spans sp using (ord)
    ), grouped as (
      select ord, bucket, max(total) as total, count(*) as count,
             min(array[x::float8, step::float8, "timestamp"::float8, v]) as first_point,
             max(array[x::float8, step::float8, "timestamp"::float8, v]) as last_point,
             min(v) filter (where not is_nan) as min, max(v) filter (where not is_nan) as max
      from bucketed
      group by ord, bucket,
               case when bucket is null then step end, case when bucket is null then "timestamp" end,
               case when bucket is null then v end
    )
    select ord, total::float8 as total, count::float8 as count,
           first_point[1] as x_first, last_point[1] as x_last, first_point[2] as step_first,
           last_point[2] as step_last, last_point[4] as last, min, max
    from grouped
    order by ord, bucket, first_point`,
  );
  return rows.map((r) => ({
    series: Number(r.ord),
    total: Number(r.total),
    xFirst: Number(r.x_first),
    xLast: Number(r.x_last),
    stepFirst: Number(r.step_first),
    stepLast: Number(r.step_last),
    min: r.min === null ? null : Number(r.min),
    max: r.max === null ? null : Number(r.max),
    last: Number(r.last),
    count: Number(r.count),
  }));
}

function xExpression(x: XAxis): SQL {
  if (x === "step") return sql`m.step`;
  if (x === "time") return sql`m."timestamp"`;
  return sql`(m."timestamp" - r.start_time)`;
}

/**
 * The window on the stored column itself (an integer bound, so the index range scan applies):
 * relative bounds move by the run's start time, fractional bounds round inwards.
 */
function windowCondition(query: BucketQuery): SQL {
  const column = query.x === "step" ? sql`m.step` : sql`m."timestamp"`;
  const offset = query.x === "relative" ? sql` + r.start_time` : sql``;
  const conditions: SQL[] = [sql`true`];
  if (query.window.min !== undefined) conditions.push(sql`${column} >= ${toInt64(Math.ceil(query.window.min))}::int8${offset}`);
  if (query.window.max !== undefined) conditions.push(sql`${column} <= ${toInt64(Math.floor(query.window.max))}::int8${offset}`);
  return sql.join(conditions, sql` and `);
}

/** Bounds past what a stored int64 can hold select everything on that side. */
function toInt64(value: number): number {
  return Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, value));
}
