import { sql, type SQL } from "drizzle-orm";
import { bigint, boolean, doublePrecision, index, integer, pgTable, primaryKey, text, varchar, type AnyPgColumn } from "drizzle-orm/pg-core";
import { experiments } from "./experiments";

export const runs = pgTable(
  "runs",
  {
    runUuid: varchar("run_uuid", { length: 32 }).primaryKey(),
    name: varchar("name", { length: 250 }).notNull(),
    experimentId: integer("experiment_id")
      .notNull()
      .references(() => experiments.experimentId, { onDelete: "cascade" }),
    userId: varchar("user_id", { length: 256 }).notNull().default(""),
    status: varchar("status", { length: 9 }).notNull(),
    startTime: bigint("start_time", { mode: "number" }).notNull(),
    endTime: bigint("end_time", { mode: "number" }),
    deletedTime: bigint("deleted_time", { mode: "number" }),
    lifecycleStage: varchar("lifecycle_stage", { length: 20 }).notNull().default("active"),
    artifactUri: text("artifact_uri").notNull(),
  },
  // Listing an experiment's runs newest first is the commonest query of all.
  (t) => [index("runs_experiment_start_idx").on(t.experimentId, t.startTime.desc(), t.runUuid)],
);

/**
 * Finds the runs whose `key` has a given value (search filters `params.k = 'v'`, `tags.k = 'v'`)
 * without visiting every run. On a bounded prefix of the value: a btree entry must stay under
 * ~2.7 kB and values may be thousands of characters long, so an index on the raw value would make
 * such inserts fail. The prefix is a stored generated column rather than an index expression, and
 * the run id is the index's last column, so that PostgreSQL answers "which runs have k = v" from
 * the index alone (it never plans an index-only scan on an expression index), in run id order:
 * several equalities merge-join, and a hashed set of them is cheap to build. The search compiler
 * writes its equality in terms of this same column.
 */
export const VALUE_PREFIX_CHARS = 200;
const valuePrefix = () =>
  text("value_prefix").generatedAlwaysAs((): SQL => sql`left(value, ${sql.raw(String(VALUE_PREFIX_CHARS))})`);
const valuePrefixIndex = (name: string, t: { key: AnyPgColumn; valuePrefix: AnyPgColumn; runUuid: AnyPgColumn }) =>
  index(name).on(t.key, t.valuePrefix, t.runUuid);
/**
 * The run's experiment, copied (migration 0005) so that the indexes a search walks lead with it:
 * teams log the same key names in every experiment, and an index led by the key alone makes a
 * query on one experiment pass every other experiment's rows. Writers fill it from the run
 * (experimentOfRun); a run that moves takes its rows along (trigger runs_moved).
 */
const runExperimentId = () => integer("experiment_id").notNull();
const experimentValuePrefixIndex = (
  name: string,
  t: { experimentId: AnyPgColumn; key: AnyPgColumn; valuePrefix: AnyPgColumn; runUuid: AnyPgColumn },
) => index(name).on(t.experimentId, t.key, t.valuePrefix, t.runUuid);

export const params = pgTable(
  "params",
  {
    runUuid: varchar("run_uuid", { length: 32 })
      .notNull()
      .references(() => runs.runUuid, { onDelete: "cascade" }),
    key: varchar("key", { length: 250 }).notNull(),
    value: text("value").notNull(),
    valuePrefix: valuePrefix(),
    experimentId: runExperimentId(),
  },
  (t) => [primaryKey({ columns: [t.runUuid, t.key] }), experimentValuePrefixIndex("params_experiment_key_value_idx", t)],
);

export const tags = pgTable(
  "tags",
  {
    runUuid: varchar("run_uuid", { length: 32 })
      .notNull()
      .references(() => runs.runUuid, { onDelete: "cascade" }),
    key: varchar("key", { length: 250 }).notNull(),
    value: text("value").notNull(),
    valuePrefix: valuePrefix(),
    experimentId: runExperimentId(),
  },
  (t) => [primaryKey({ columns: [t.runUuid, t.key] }), valuePrefixIndex("tags_key_value_idx", t), experimentValuePrefixIndex("tags_experiment_key_value_idx", t)],
);

// Full metric history. The primary key doubles as the history index (run, key, step …) and as
// the guard that makes an exact replay of a point a no-op (clients retry POSTs after a 5xx).
// No foreign key to runs: a per-row RI trigger would cost a large share of ingest throughput,
// and the service checks the run inside the same transaction; gc removes history explicitly.
export const metrics = pgTable(
  "metrics",
  {
    runUuid: varchar("run_uuid", { length: 32 }).notNull(),
    key: varchar("key", { length: 250 }).notNull(),
    step: bigint("step", { mode: "number" }).notNull().default(0),
    timestamp: bigint("timestamp", { mode: "number" }).notNull(),
    value: doublePrecision("value").notNull(),
    isNan: boolean("is_nan").notNull().default(false),
    modelId: varchar("model_id", { length: 64 }),
    datasetName: varchar("dataset_name", { length: 500 }),
    datasetDigest: varchar("dataset_digest", { length: 36 }),
  },
  (t) => [
    primaryKey({ columns: [t.runUuid, t.key, t.step, t.timestamp, t.value, t.isNan] }),
    // Charts on wall-clock or relative time read a (run, key) series by timestamp range (the live
    // view asks "everything after the last point I have"); the primary key serves step ranges.
    // Narrow on purpose: every logged point pays for this index. Partial on a predicate every row
    // meets (timestamps are non-negative) so that only queries saying `"timestamp" >= 0` can use
    // it: without statistics the planner would otherwise scan step ranges through it (smaller).
    index("metrics_run_key_timestamp_idx")
      .on(t.runUuid, t.key, t.timestamp)
      .where(sql`"timestamp" >= 0`),
  ],
);

// One row per (run, key): the point with the greatest (step, timestamp, value).
export const latestMetrics = pgTable(
  "latest_metrics",
  {
    runUuid: varchar("run_uuid", { length: 32 }).notNull(),
    key: varchar("key", { length: 250 }).notNull(),
    step: bigint("step", { mode: "number" }).notNull(),
    timestamp: bigint("timestamp", { mode: "number" }).notNull(),
    value: doublePrecision("value").notNull(),
    isNan: boolean("is_nan").notNull().default(false),
    experimentId: runExperimentId(),
  },
  (t) => [
    primaryKey({ columns: [t.runUuid, t.key] }),
    // Led by the experiment (see runExperimentId). Metric filters (`metrics.k > x`) as a range scan, and ORDER BY a metric as a walk of the index
    // in value order that stops after one page. is_nan comes before value because NaN points are
    // stored as value 0: with is_nan fixed by the query, the value order is the index order. The
    // run id makes both index-only: a walk reads ~100 entries per 8 kB page instead of a heap page
    // per entry.
    index("latest_metrics_experiment_key_value_idx").on(t.experimentId, t.key, t.isNan, t.value, t.runUuid),
  ],
);
