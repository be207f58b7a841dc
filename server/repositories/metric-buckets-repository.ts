import { sql, type Placeholder, type SQL } from "drizzle-orm";
import { preparedStatement } from "../db/prepared";
import { rowsOf } from "../db/rows";
import { METRIC_BLOCK_WIDTHS } from "../db/schema";
import type { Db } from "../db/types";
import { axisColumn } from "./metric-blocks-sql";
import { readFloat8s } from "./packed-float8";

/** What a chart's x-axis measures: the step, the wall-clock time (ms), or ms since the run started. */
export type XAxis = "step" | "time" | "relative";

export interface BucketQuery {
  series: { runId: string; key: string }[];
  x: XAxis;
  /** Inclusive bounds in x units; an open side means "from/to the series' own first/last x". */
  window: { min?: number; max?: number };
  /** At most this many buckets per series. */
  buckets: number;
  /** A series with at most this many points in the window comes back point by point (default: buckets). */
  exactUpTo?: number;
}

/** A logged point; value NaN for a NaN point. */
export interface PointRef {
  x: number;
  step: number;
  timestamp: number;
  value: number;
}

/** One bucket of a series; in exact mode one point (count 1). */
export interface BucketRow {
  /** Index of the series in the query. */
  series: number;
  /** Points of the series inside the window (the same on every row of a series). */
  total: number;
  count: number;
  /** The bucket's first and last point in (x, step, timestamp, value) order, NaN greatest. */
  first: PointRef;
  last: PointRef;
  /** Its smallest and greatest non-NaN point (ties: first resp. last in x order); null when all are NaN. */
  min: PointRef | null;
  max: PointRef | null;
}

/**
 * Series downsampled by the database: at most `buckets` rows per (run, key) whatever the history length.
 * The bucket width is a multiple of a stored block width, so whole blocks come from summaries and only the
 * ragged ends from finer ones or points: ~1–2 rows a bucket for a million points. Ordered by series, x.
 */
export async function findMetricBuckets(db: Db, query: BucketQuery): Promise<BucketRow[]> {
  if (query.series.length === 0) return [];
  const rows = await runBucketsSql(db, query, "points");
  return rows.map((r) => ({
    series: Number(r.ord),
    total: Number(r.total),
    count: Number(r.count),
    first: pointRef(r, "first")!,
    last: pointRef(r, "last")!,
    min: pointRef(r, "min"),
    max: pointRef(r, "max"),
  }));
}

/** A series' buckets as a chart draws them, one array per field, entry i for bucket i in x order. */
export interface BucketColumns {
  xFirst: number[];
  xLast: number[];
  stepFirst: number[];
  stepLast: number[];
  /** Extremes of the bucket's non-NaN values; NaN when all are NaN. */
  min: number[];
  max: number[];
  last: number[];
  count: number[];
}

/** The buckets of series `series` (its index in the query) that hold points in the window. */
export interface SeriesBucketColumns {
  series: number;
  /** Points of the series inside the window. */
  total: number;
  buckets: BucketColumns;
}

/**
 * The same buckets as findMetricBuckets with only what a chart draws, one row per series: each field of its
 * buckets as one bytea of big-endian float8s (float8send), in bucket order. Binary skips float8out in
 * PostgreSQL and a split + Number per field here; by field, no object per bucket is made on either side.
 */
export async function findMetricBucketValues(db: Db, query: BucketQuery): Promise<SeriesBucketColumns[]> {
  if (query.series.length === 0) return [];
  const rows = await runBucketsSql(db, query, "values");
  return rows.map((row) => {
    const off = Number(row.off);
    const column = (name: string) => Array.from(readFloat8s(row[name] as unknown as Uint8Array));
    // x in the axis' units: relative time is the timestamp less the run's start (as findMetricBuckets' SQL does).
    const x = (name: string) => Array.from(readFloat8s(row[name] as unknown as Uint8Array), (v) => v - off);
    return {
      series: Number(row.ord),
      total: Number(row.total),
      buckets: {
        xFirst: x("x_first"), xLast: x("x_last"), stepFirst: column("step_first"), stepLast: column("step_last"),
        min: column("min"), max: column("max"), last: column("last"), count: column("count"),
      },
    };
  });
}

const POINT_COLUMNS = sql`b.ord, b.total::float8 as total, b.count::float8 as count,
  first_point[1] - s.off as first_x, first_point[2] as first_step, first_point[3] as first_ts, first_point[4] as first_v,
  last_point[1] - s.off as last_x, last_point[2] as last_step, last_point[3] as last_ts, last_point[4] as last_v,
  min_point[2] - s.off as min_x, min_point[3] as min_step, min_point[4] as min_ts, min_point[1] as min_v,
  max_point[2] - s.off as max_x, max_point[3] as max_step, max_point[4] as max_ts, max_point[1] as max_v`;

const packed = (value: SQL) => sql`string_agg(float8send(${value}), ''::bytea)`;
/** One series' buckets packed field by field, aggregated in the order its rows `o` come in. An all-NaN bucket's min and max: NaN. */
const PACKED_FIELDS = sql`${packed(sql`count::float8`)} as count,
  ${packed(sql`first_point[1]`)} as x_first, ${packed(sql`first_point[2]`)} as step_first,
  ${packed(sql`last_point[1]`)} as x_last, ${packed(sql`last_point[2]`)} as step_last, ${packed(sql`last_point[4]`)} as last,
  ${packed(sql`coalesce(min_point[1], 'NaN')`)} as min, ${packed(sql`coalesce(max_point[1], 'NaN')`)} as max`;

type Row = Record<string, number | string | null>;

/**
 * Prepared: its text depends only on the axis and the columns (values are parameters), so each connection
 * parses it once; after 5 custom plans PostgreSQL keeps its generic plan (the axis is a literal: as a parameter
 * its estimate made the generic plan cost more, so every call was re-planned: ~1 ms of backend CPU). The text
 * is compiled once per process too: drizzle building this long statement cost ~0.2 ms of Node per request.
 */
async function runBucketsSql(db: Db, query: BucketQuery, columns: "points" | "values"): Promise<Row[]> {
  const name = `metric_buckets_${query.x}_${columns}`;
  let statement = statements.get(name);
  if (!statement) statements.set(name, (statement = preparedStatement(name, () => bucketsSql(query.x, columns, PLACEHOLDERS))));
  return rowsOf<Row>(await statement(db, bucketValues(query)));
}

type Statement = ReturnType<typeof preparedStatement>;
const statements = new Map<string, Statement>();

/** The values of a bucket query, by the names its statement binds them under. */
type BucketValueName = "series" | "min" | "max" | "buckets" | "exactUpTo";
const PLACEHOLDERS = Object.fromEntries(
  (["series", "min", "max", "buckets", "exactUpTo"] as const).map((name) => [name, sql.placeholder(name)]),
) as Record<BucketValueName, Placeholder>;

function bucketValues(query: BucketQuery): Record<BucketValueName, unknown> {
  const bound = (value: number | undefined, round: (v: number) => number) =>
    value === undefined ? null : Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, round(value)));
  return {
    series: JSON.stringify(query.series.map((s, ord) => ({ ord, run_id: s.runId, key: s.key }))),
    min: bound(query.window.min, Math.ceil),
    max: bound(query.window.max, Math.floor),
    buckets: query.buckets,
    exactUpTo: query.exactUpTo ?? query.buckets,
  };
}

/** The bucket query with its values in place, answering the columns of each bucket `b` of series `s` that `columns` names (for its plan test and bench/charts/explain.ts). */
export function metricBucketsSql(query: BucketQuery, columns: "points" | "values"): SQL {
  const values = bucketValues(query);
  return bucketsSql(query.x, columns, Object.fromEntries(Object.entries(values).map(([name, value]) => [name, sql`${value}`])) as Record<BucketValueName, SQL>);
}

function bucketsSql(x: XAxis, columns: "points" | "values", v: Record<BucketValueName, SQL | Placeholder>): SQL {
  const axis = x === "step" ? "step" : "time";
  const c = axisColumn(axis, "m");
  // A literal, not a parameter: the generic plan then estimates the summary reads as a custom plan does.
  const axisLiteral = sql.raw(`'${axis}'`);
  // The timestamp index is partial on "timestamp" >= 0 (every row): time queries must say so to use it.
  const onIndex = axis === "time" ? sql` and m."timestamp" >= 0` : sql``;
  const extreme = (fn: "min" | "max") =>
    sql`(select ${sql.raw(fn)}(${c}) from metrics m where m.run_uuid = s.run_id and m.key = s.key${onIndex})`;
  // Each series' rows are read by their own index range scan, whatever the statistics say: flattened into a
  // join, one series dominating an analyzed table made the planner hash-join a seq scan of the whole table.
  // OFFSET 0 keeps a LATERAL subquery from being flattened, so it stays a per-series nested loop.
  const perSeries = sql`offset 0`;
  const bucketOf = (x: SQL) => sql`case when p.n = 1 then 0 else floor(${x}::float8 / p.b)::int8 end`;
  // Each point's two arrays are built once (the fenced subquery) and serve as first/last and min/max.
  const points = (range: SQL) => sql`
      select ${c} as x, array[${c}, m.step, m."timestamp", m.v]::float8[] as point,
             case when not m.is_nan then array[m.v, ${c}, m.step, m."timestamp"]::float8[] end as by_value
      from (select m.*, case when m.is_nan then 'NaN'::float8 else m.value end as v from metrics m
            where m.run_uuid = p.run_id and m.key = p.key and ${range}${onIndex}
            ${perSeries}) m`;
  const pointRows = (range: SQL) => sql`
    select p.ord, 0::int8 as bucket, p.counted as total, 1::int8 as count,
           m.point as first_point, m.point as last_point, m.by_value as min_point, m.by_value as max_point
    from plan p cross join lateral (${points(range)} ${perSeries}) m`;
  // Points grouped into their buckets per series, before the summaries join them: a few hundred rows
  // hashed at a time instead of every point of every series sorted together.
  const pointGroups = (range: SQL, total: SQL) => sql`
      select ${bucketOf(sql`m.x`)} as bucket, ${total} count(*)::int8 as count, min(m.point) as first_point, max(m.point) as last_point,
             min(m.by_value) as min_point, max(m.by_value) as max_point
      from (${points(range)} ${perSeries}) m
      group by 1
      ${perSeries}`;
  const pointBuckets = (range: SQL) => sql`
    select p.ord, g.bucket, g.count, g.first_point, g.last_point, g.min_point, g.max_point
    from bucketed p cross join lateral (${pointGroups(range, sql``)}) g
    where p.w > 1`;
  // Buckets of single points (w = 1: no blocks read) are whole as grouped per series, their total summed
  // there too: not regrouped and window-sorted with every series' buckets (~1/3 of a zoom's statement).
  const singlePointBuckets = sql`
    select p.ord, g.bucket, g.total, g.count, g.first_point, g.last_point, g.min_point, g.max_point
    from bucketed p cross join lateral (${pointGroups(sql`${c} between p.lo and p.hi`, sql`sum(count(*)) over ()::int8 as total,`)}) g
    where p.w = 1`;
  // The whole blocks of width `width` in [from, to) (both multiples of it); none when from >= to.
  const f = sql.raw(String(METRIC_BLOCK_WIDTHS[axis][0]));
  const blockRows = (width: SQL, from: SQL, to: SQL) => sql`
    select p.ord, ${bucketOf(sql`mb.block * ${width}`)} as bucket, mb.count,
           mb.first_point, mb.last_point, mb.min_point, mb.max_point
    from bucketed p cross join lateral (
      select * from metric_blocks mb
      where mb.run_uuid = p.run_id and mb.key = p.key and mb.axis = ${axisLiteral} and mb.width = ${width}
        and mb.block >= ${from} / ${width} and mb.block < ${to} / ${width}
      ${perSeries}
    ) mb
    where p.w > 1 and ${from} < ${to}`;
  return sql`
    with series as (
      select s.ord, s.run_id, s.key, ${x === "relative" ? sql`r.start_time` : sql`0::int8`} as off
      from json_to_recordset(${v.series}::json) as s(ord int, run_id text, key text)
      ${x === "relative" ? sql`cross join lateral (select r.start_time from runs r where r.run_uuid = s.run_id ${perSeries}) r` : sql``}
    ), extent as materialized (
      select s.*, coalesce(${v.min}::int8 + s.off, ${extreme("min")}) as lo,
                  coalesce(${v.max}::int8 + s.off, ${extreme("max")}) as hi,
             ${v.buckets}::int as n, ${unsummarizedFrom(axis)} as pending
      from series s
    ), targeted as (
      -- target: the bucket width that fits [lo, hi] in n aligned buckets.
      -- counted: the window's points, counted only up to exactUpTo + 1 (an index-only scan): a series
      -- returned point by point skips the bucketing, which cost as much again as reading its points.
      select e.*, (e.hi - e.lo)::float8 / greatest(e.n - 1, 1) as target,
             (select count(*) from (select from metrics m where m.run_uuid = e.run_id and m.key = e.key
                                    and ${c} between e.lo and e.hi${onIndex} limit ${v.exactUpTo}::int8 + 1) window_points) as counted
      from extent e where e.lo <= e.hi
    ), sized as materialized (
      -- w: the widest block whose multiple b stays within 25 % of the target (fewest rows read,
      -- at least 80 % of the buckets asked for); single points (w = 1) when none does. Materialized: plan
      -- names w eleven times, and inlined each was its own subplan (~0.08 ms of backend CPU per request).
      select t.*, coalesce((select max(w) from unnest(${`{${METRIC_BLOCK_WIDTHS[axis].join(",")}}`}::int8[]) w
                            where w * ceil(t.target / w) <= 1.25 * t.target), 1) as w
      from targeted t
    ), plan as (
      select z.*, greatest(1, z.w * ceil(z.target / z.w))::int8 as b,
             -- [a, z): the whole blocks of width w inside the window; [fa, fz): the whole blocks of
             -- the finest width f, read around [a, z); the points outside [fa, fz) are read one by one.
             case when z.w > 1 then ceil(z.lo::float8 / z.w)::int8 * z.w else z.hi + 1 end as a,
             -- Both end before the block that holds the series' first point not summarized yet (pending).
             case when z.w > 1 then floor(least(z.hi + 1, z.pending)::float8 / z.w)::int8 * z.w else z.hi + 1 end as z,
             case when z.w > 1 then ceil(z.lo::float8 / ${f})::int8 * ${f} else z.hi + 1 end as fa,
             case when z.w > 1 then floor(least(z.hi + 1, z.pending)::float8 / ${f})::int8 * ${f} else z.hi + 1 end as fz
      from sized z
    ), bucketed as (
      select * from plan where counted > ${v.exactUpTo}::int8
    ), parts as (
      ${blockRows(sql`p.w`, sql`p.a`, sql`p.z`)}
      union all ${blockRows(f, sql`p.fa`, sql`case when p.a < p.z then p.a else p.fz end`)}
      union all ${blockRows(f, sql`p.z`, sql`case when p.a < p.z then p.fz else p.z end`)}
      union all ${pointBuckets(sql`${c} between p.lo and least(p.hi, p.fa - 1)`)}
      union all ${pointBuckets(sql`${c} between greatest(p.lo, p.fa, p.fz) and p.hi`)}
    ), grouped as (
      -- parts is read once: each series' total is the sum of its buckets' counts.
      select ord, bucket, sum(sum(count)) over (partition by ord)::int8 as total, sum(count)::int8 as count,
             min(first_point) as first_point, max(last_point) as last_point, min(min_point) as min_point, max(max_point) as max_point
      from parts group by ord, bucket
      union all
      ${singlePointBuckets}
    )
    -- Buckets are disjoint in x, so their number orders them; only exact points (all bucket 0) compare arrays.
    ${columns === "points"
      ? sql`, buckets as (
      select * from grouped
      union all
      ${pointRows(sql`${c} between p.lo and p.hi`)} where p.counted <= ${v.exactUpTo}::int8
    ) select ${POINT_COLUMNS} from buckets b join series s using (ord) order by b.ord, b.bucket, b.first_point`
      // Packed per series, each in its order (no ORDER BY per aggregate: eight sorts of the same rows): an exact
      // series' points sorted on their own, in memory, not with every series' (30,000 wide rows spilled to disk).
      : sql`select b.*, s.off::float8 as off from (
      select ord, max(total)::float8 as total, ${PACKED_FIELDS}
      from (select * from grouped order by ord, bucket) o group by ord
      union all
      select p.ord, p.counted::float8 as total, e.*
      from plan p cross join lateral (
        select ${PACKED_FIELDS} from (
          select 1::int8 as count, m.point as first_point, m.point as last_point, m.by_value as min_point, m.by_value as max_point
          from (${points(sql`${c} between p.lo and p.hi`)} ${perSeries}) m order by m.point
        ) o
      ) e
      where p.counted between 1 and ${v.exactUpTo}::int8 -- a series with no point in the window has no row, as before
    ) b join series s using (ord) order by b.ord`}`;
}

/**
 * Where a series' blocks stop being trustworthy on `axis`: the least x of the points the summarizer has not
 * caught up with yet (metric_block_backlog), NULL when there are none. Points from there on are read one by one.
 */
function unsummarizedFrom(axis: "step" | "time"): SQL {
  const column = sql.raw(axis === "step" ? "b.min_step" : "b.min_timestamp");
  return sql`(select ${column} from metric_block_backlog b where b.run_uuid = s.run_id and b.key = s.key)`;
}

function pointRef(row: Record<string, number | string | null>, prefix: string): PointRef | null {
  if (row[`${prefix}_v`] === null) return null;
  return {
    x: Number(row[`${prefix}_x`]),
    step: Number(row[`${prefix}_step`]),
    timestamp: Number(row[`${prefix}_ts`]),
    value: Number(row[`${prefix}_v`]),
  };
}
