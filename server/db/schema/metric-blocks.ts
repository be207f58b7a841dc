import { bigint, doublePrecision, pgTable, primaryKey, varchar } from "drizzle-orm/pg-core";

/**
 * Per-(run, key) summaries over fixed x blocks (axis step or time; block b of width w covers [b·w, (b+1)·w),
 * widths 4× per level), built from metric_block_backlog after each write so a million-point chart reads a few thousand rows.
 * Points are float8 arrays so merging is least()/greatest(). No foreign key to runs, as `metrics`: gc cleans.
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
 * Block widths per axis, finest first: steps, and ms (~1 s … 70 min; finer would outnumber the points of
 * a run logging every 100 ms). 4× apart, a chart of N buckets reads N to 4N summaries (16× apart read up
 * to 16N). Migration 0007 added the 4× levels.
 */
export const METRIC_BLOCK_WIDTHS = {
  step: [16, 64, 256, 1024, 4096, 16384, 65536],
  time: [1024, 4096, 16384, 65536, 262144, 1048576, 4194304],
} as const;

/**
 * The series whose newest points metric_blocks does not summarize yet: the append statement records here the
 * least step and timestamp it added, and the summarizer (metric-block-backlog-repository.ts) rebuilds the
 * blocks from there off the request path. Readers trust a series' blocks only below these bounds.
 */
export const metricBlockBacklog = pgTable(
  "metric_block_backlog",
  {
    runUuid: varchar("run_uuid", { length: 32 }).notNull(),
    key: varchar("key", { length: 250 }).notNull(),
    minStep: bigint("min_step", { mode: "number" }).notNull(),
    minTimestamp: bigint("min_timestamp", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.runUuid, t.key] })],
);
