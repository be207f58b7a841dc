import { sql, type SQL } from "drizzle-orm";
import { executePrepared } from "../db/prepared";
import { executeRows, rowsOf } from "../db/rows";
import { METRIC_BLOCK_WIDTHS } from "../db/schema";
import type { Db } from "../db/types";
import { axisColumn, blockSummary, levelsAsBlockRows, pointSummary, valueOrNan, type BlockAxis, type BlockWidths } from "./metric-blocks-sql";

// The append statement only records which series got points (metric_block_backlog: least step and timestamp
// added); the chart summaries are rebuilt here, off the request path: +48 % of PostgreSQL's CPU per point
// when merged on every write, and a series logged per step rewrote its coarse blocks on every request.

interface ClaimedSeries {
  run_uuid: string;
  key: string;
  min_step: string;
  min_timestamp: string;
}

/** The backlog's bound for an axis, as a column of `table`. */
const boundOf = (axis: BlockAxis, table: string) => sql.raw(`${table}.${axis === "step" ? "min_step" : "min_timestamp"}`);

/** The runs that have series waiting, in claim order, at most `limit`: a summary pass takes them one by one. */
export async function listBacklogRuns(db: Db, limit = 1000): Promise<string[]> {
  const rows = await executeRows<{ run_uuid: string }>(db, sql`select distinct run_uuid from metric_block_backlog order by 1 limit ${limit}`);
  return rows.map((r) => r.run_uuid);
}

/**
 * Summarizes up to `limit` series of the backlog (of run `runId` only, when given) in one transaction: each
 * series' blocks from its bound on (per width, the first block that holds a point at or past it) are deleted
 * and rebuilt, the finest from the stored points, each coarser from the finer. Answers how many series it
 * caught up; 0 when none wait. Series claimed by another summarizer are skipped; a writer adding to a claimed
 * series waits until this commits, then records it anew. Idempotent: a crash before commit leaves the backlog as it was.
 */
export async function summarizeMetricBlockBacklog(db: Db, limit = 500, widths: BlockWidths = METRIC_BLOCK_WIDTHS, runId?: string): Promise<number> {
  // Prepared for the server's widths (other sets are benchmarks'): the rebuild's ~14-CTE plan cost ~20 ms per call.
  const run = (t: Db, query: SQL, name: string) => (widths === METRIC_BLOCK_WIDTHS ? executePrepared(t, query, name) : t.execute(query));
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const claimName = runId === undefined ? "claim_metric_block_backlog" : "claim_metric_block_backlog_of_run";
    const claimed = rowsOf<ClaimedSeries>(await run(t, claimAndDeleteStale(limit, widths, runId), claimName));
    if (claimed.length === 0) return 0;
    await run(t, rebuildFromBounds(JSON.stringify(claimed), widths), "rebuild_metric_blocks");
    return claimed.length;
  });
}

function claimAndDeleteStale(limit: number, widths: BlockWidths, runId: string | undefined): SQL {
  const levels = (["step", "time"] as const).flatMap((axis) => widths[axis].map((w) => sql`(${axis}, ${sql.raw(String(w))}::int8)`));
  const ofRun = runId === undefined ? sql`` : sql`where run_uuid = ${runId}`;
  return sql`
    with claimed as (
      delete from metric_block_backlog b
      using (select run_uuid, key from metric_block_backlog ${ofRun} order by run_uuid, key limit ${limit} for update skip locked) c
      where b.run_uuid = c.run_uuid and b.key = c.key
      returning b.run_uuid, b.key, b.min_step, b.min_timestamp
    ), stale as (
      -- One index range per (series, axis, width): from the block holding the bound on.
      delete from metric_blocks mb
      using claimed c, (values ${sql.join(levels, sql`, `)}) as l(axis, width)
      where mb.run_uuid = c.run_uuid and mb.key = c.key and mb.axis = l.axis and mb.width = l.width
        and mb.block >= floor((case when l.axis = 'step' then c.min_step else c.min_timestamp end)::float8 / l.width)::int8
      returning 1
    )
    select run_uuid, key, min_step::text as min_step, min_timestamp::text as min_timestamp from claimed`;
}

/**
 * Rebuilds the deleted blocks of the claimed series (JSON), reading the blocks below them that stayed.
 * The levels carry each series as its number (ord, in (run_uuid, key) order) and name it only when inserted:
 * grouping and sorting by the two text columns compared strings per row (a 200k-point rebuild: 1310 → 1220 ms of CPU).
 */
function rebuildFromBounds(claimedJson: string, widths: BlockWidths): SQL {
  const ctes: SQL[] = [sql`series as (
    select s.*, row_number() over (order by s.run_uuid, s.key) as ord
    from json_to_recordset(${claimedJson}::json) as s(run_uuid text, key text, min_step int8, min_timestamp int8))`];
  const names: string[] = [];
  for (const axis of ["step", "time"] as const) {
    const [finest, ...coarser] = widths[axis];
    const x = axisColumn(axis, "m");
    const bound = boundOf(axis, "s");
    // Timestamps are never negative; saying so lets the time axis use the (run, key, timestamp) index.
    const onIndex = axis === "time" ? sql` and m."timestamp" >= 0` : sql``;
    let previous = `${axis}_${finest}`;
    ctes.push(sql`${sql.raw(previous)} as (
      select s.ord, g.* from series s cross join lateral (
        select ${pointSummary(axis, finest)}
        from (select m.step, m."timestamp", m.is_nan, ${valueOrNan} from metrics m
              where m.run_uuid = s.run_uuid and m.key = s.key${onIndex}
                and ${x} >= floor(${bound}::float8 / ${sql.raw(String(finest))})::int8 * ${sql.raw(String(finest))}
              offset 0) p
        group by 1) g)`);
    names.push(previous);
    let previousWidth: number = finest;
    for (const width of coarser) {
      const name = `${axis}_${width}`;
      const ratio = sql.raw(String(width / previousWidth));
      // The finer blocks of the first rebuilt block that were not rebuilt themselves, then the rebuilt ones.
      ctes.push(sql`${sql.raw(name)} as (
        select ord, ${blockSummary(previousWidth, width)} from (
          select s.ord, kept.block, kept.count, kept.first_point, kept.last_point, kept.min_point, kept.max_point
          from series s cross join lateral (
            select * from metric_blocks mb
            where mb.run_uuid = s.run_uuid and mb.key = s.key and mb.axis = ${axis} and mb.width = ${sql.raw(String(previousWidth))}
              and mb.block >= floor(${bound}::float8 / ${sql.raw(String(width))})::int8 * ${ratio}
            offset 0) kept
          union all
          select ord, block, count, first_point, last_point, min_point, max_point from ${sql.raw(previous)}
        ) f group by 1, 2)`);
      names.push(name);
      previous = name;
      previousWidth = width;
    }
  }
  const union = levelsAsBlockRows(names, "ord");
  // In the primary key's order ('step' < 'time': the equality sorts as the text would, without comparing strings).
  return sql`with ${sql.join(ctes, sql`, `)}
    insert into metric_blocks (run_uuid, key, axis, width, block, count, first_point, last_point, min_point, max_point)
    select s.run_uuid, s.key, b.axis, b.width, b.block, b.count, b.first_point, b.last_point, b.min_point, b.max_point
    from (${union}) b join series s using (ord)
    order by b.ord, b.axis = 'time', b.width, b.block`;
}

/** Summarizes the whole backlog, `limit` series per transaction; answers how many series it caught up. */
export async function summarizeAllMetricBlockBacklog(db: Db, limit = 500, widths: BlockWidths = METRIC_BLOCK_WIDTHS): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await summarizeMetricBlockBacklog(db, limit, widths);
    total += done;
    if (done < limit) return total;
  }
}
