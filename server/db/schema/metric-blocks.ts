import { bigint, doublePrecision, pgTable, primaryKey, varchar } from "drizzle-orm/pg-core";

/**
 * Summaries of each (run, key) metric history over fixed x blocks, kept in the same statement that
 * appends the points, so that a chart of a million points reads a few thousand summaries instead.
 * One row per (axis, block width, block): axis "step" (x = step) or "time" (x = timestamp, ms);
 * block b of width w covers x in [b·w, (b+1)·w). Widths grow 4× per level (METRIC_BLOCK_WIDTHS).
 * Points are float8 arrays so that merging two summaries is least()/greatest():
 * first/last_point = [x, step, timestamp, value] (NaN as 'NaN'), the smallest/greatest in
 * (x, step, timestamp, value) order; min/max_point = [value, x, step, timestamp] over the non-NaN
 * points (null when all are NaN). No foreign key to runs, as for `metrics`: gc removes them.
 */
export const metricBlocks = pgTable(
  "metric_blocks",
  {
    runUuid: varchar("run_uuid", { length: 32 }).notNull(),
    key: varchar("key", { length: 250 }).notNull(),
    axis: varchar("axis", { length: 4 }).notNull(),
    width: bigint("width", { mode: "number" }).notNull(),
    block: bigint("block", { mode: "number" }).notNull(),
    count: bigint("count", { mode: "number" }).notNull(),
    firstPoint: doublePrecision("first_point").array().notNull(),
    lastPoint: doublePrecision("last_point").array().notNull(),
    minPoint: doublePrecision("min_point").array(),
    maxPoint: doublePrecision("max_point").array(),
  },
  (t) => [primaryKey({ columns: [t.runUuid, t.key, t.axis, t.width, t.block] })],
);

/**
 * Block widths per axis, finest first: steps, and milliseconds (~1 s … 70 min). Each width costs a
 * summary row per block on write; finer time blocks than ~1 s would outnumber the points of a run
 * logging every 100 ms. 4× apart, a chart of N buckets reads about N to 4N summaries (16× read up
 * to 16N: 3,906 rows for 1,000 buckets of a million steps). Migration 0007 added the 4× levels.
 */
export const METRIC_BLOCK_WIDTHS = {
  step: [16, 64, 256, 1024, 4096, 16384, 65536],
  time: [1024, 4096, 16384, 65536, 262144, 1048576, 4194304],
} as const;
