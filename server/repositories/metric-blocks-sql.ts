import { sql, type SQL } from "drizzle-orm";
import { METRIC_BLOCK_WIDTHS } from "../db/schema";

export type BlockAxis = keyof typeof METRIC_BLOCK_WIDTHS;
/** Summary widths per axis, finest first, each a multiple of the one before (benchmarks compare sets). */
export type BlockWidths = { readonly [axis in BlockAxis]: readonly number[] };

/** The stored column an axis measures x in. */
export const axisColumn = (axis: BlockAxis, table: string): SQL =>
  sql.raw(axis === "step" ? `${table}.step` : `${table}."timestamp"`);

/** A point's value for the summaries: NaN points (stored as 0 + is_nan) as NaN, which sorts greatest. */
export const valueOrNan = sql`case when is_nan then 'NaN'::float8 else value end as v`;

/** The summary columns (block … max_point) of points `p` (step, "timestamp", v, is_nan) grouped by their block of `width`. */
export function pointSummary(axis: BlockAxis, width: number): SQL {
  const x = axisColumn(axis, "p");
  return sql`floor(${x}::float8 / ${sql.raw(String(width))})::int8 as block, count(*) as count,
             min(array[${x}, p.step, p."timestamp", p.v]::float8[]) as first_point,
             max(array[${x}, p.step, p."timestamp", p.v]::float8[]) as last_point,
             min(array[p.v, ${x}, p.step, p."timestamp"]::float8[]) filter (where not p.is_nan) as min_point,
             max(array[p.v, ${x}, p.step, p."timestamp"]::float8[]) filter (where not p.is_nan) as max_point`;
}

/** The summary columns of blocks of `finerWidth` grouped into their block of `width`. */
export function blockSummary(finerWidth: number, width: number): SQL {
  return sql`floor(block::float8 * ${sql.raw(String(finerWidth / width))})::int8 as block, sum(count)::int8 as count,
               min(first_point) as first_point, max(last_point) as last_point, min(min_point) as min_point, max(max_point) as max_point`;
}

/**
 * The summary CTEs named `<axis>_<width>` as metric_blocks rows, in one union: the `lead` columns (the
 * series: "key", or "run_uuid, key"), then axis and width taken from the name, then the summary.
 */
export function levelsAsBlockRows(names: string[], lead: string): SQL {
  return sql.join(
    names.map((name) => {
      const [axis, width] = name.split("_");
      return sql`select ${sql.raw(lead)}, ${axis}::text as axis, ${sql.raw(width)}::int8 as width, block, count, first_point, last_point, min_point, max_point from ${sql.raw(name)}`;
    }),
    sql` union all `,
  );
}

/**
 * CTEs summarizing `source` (key, step, "timestamp", value, is_nan) into new metric_blocks rows of every
 * width; only the finest width reads points, each coarser one the finer summaries. Appended to a WITH list
 * that defines `source`; the run must have no blocks yet (a block already there is a unique violation).
 */
export function insertBlocksOf(runId: string, source: string, widths: BlockWidths = METRIC_BLOCK_WIDTHS): SQL {
  const ctes: SQL[] = [];
  const names: string[] = [];
  for (const axis of ["step", "time"] as const) {
    const [finest, ...coarser] = widths[axis];
    let previous = `${axis}_${finest}`;
    ctes.push(sql`${sql.raw(previous)} as (
      select p.key, ${pointSummary(axis, finest)}
      from (select *, ${valueOrNan} from ${sql.raw(source)}) p
      group by p.key, 2)`);
    names.push(previous);
    let previousWidth: number = finest;
    for (const width of coarser) {
      const name = `${axis}_${width}`;
      ctes.push(sql`${sql.raw(name)} as (
        select key, ${blockSummary(previousWidth, width)}
        from ${sql.raw(previous)} group by key, 2)`);
      names.push(name);
      previous = name;
      previousWidth = width;
    }
  }
  const union = levelsAsBlockRows(names, "key");
  return sql`${sql.join(ctes, sql`, `)}, inserted_blocks as (
    insert into metric_blocks (run_uuid, key, axis, width, block, count, first_point, last_point, min_point, max_point)
    select ${runId}, key, axis, width, block, count, first_point, last_point, min_point, max_point from (${union}) s
    order by key, axis, width, block
    returning 1
  )`;
}
