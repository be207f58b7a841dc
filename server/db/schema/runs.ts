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
 * Param/tag equality searches find runs via an index on a stored value prefix: btree entries must stay under
 * ~2.7 kB, and an expression index is never used index-only. The run id last gives run-id order, so several
 * equalities merge-join. The search compiler writes its equality on this same column.
 */
export const VALUE_PREFIX_CHARS = 200;
const valuePrefix = () =>
  text("value_prefix").generatedAlwaysAs((): SQL => sql`left(value, ${sql.raw(String(VALUE_PREFIX_CHARS))})`);
const valuePrefixIndex = (name: string, t: { key: AnyPgColumn; valuePrefix: AnyPgColumn; runUuid: AnyPgColumn }) =>
  index(name).on(t.key, t.valuePrefix, t.runUuid);
/**
 * The run's experiment, copied (migration 0005) so search indexes lead with it: teams log the same keys in
 * every experiment, and a key-led index makes one experiment's query pass every other's rows. Writers fill
 * it from the run (experimentOfRun); a moved run takes its rows along (trigger runs_moved).
 */
const runExperimentId = () => integer("experiment_id").notNull();
const experimentValuePrefixIndex = (
  name: string,
  t: { experimentId: AnyPgColumn; key: AnyPgColumn; valuePrefix: AnyPgColumn; runUuid: AnyPgColumn },
) => index(name).on(t.experimentId, t.key, t.valuePrefix, t.runUuid);

/**
 * A run's params and tags are alike: one value per (run, key). A function, as each table needs its own columns.
 * Their primary keys (and latest_metrics') INCLUDE the compared columns (migration 0010; Drizzle cannot say it).
 */
const runKeyValueColumns = () => ({
  runUuid: varchar("run_uuid", { length: 32 })
    .notNull()
    .references(() => runs.runUuid, { onDelete: "cascade" }),
  key: varchar("key", { length: 250 }).notNull(),
  value: text("value").notNull(),
  valuePrefix: valuePrefix(),
  experimentId: runExperimentId(),
});

export const params = pgTable(
  "params",
  runKeyValueColumns(),
  (t) => [primaryKey({ columns: [t.runUuid, t.key] }), experimentValuePrefixIndex("params_experiment_key_value_idx", t)],
);

export const tags = pgTable(
  "tags",
  runKeyValueColumns(),
  (t) => [primaryKey({ columns: [t.runUuid, t.key] }), valuePrefixIndex("tags_key_value_idx", t), experimentValuePrefixIndex("tags_experiment_key_value_idx", t)],
);

// Full metric history. The primary key is the (run, key, step …) index and makes an exact replay a no-op
// (clients retry POSTs after a 5xx). No foreign key to runs: per-row RI triggers cost ingest throughput;
// the service checks the run in the same transaction and gc removes history explicitly.
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
    // Time-axis charts read a (run, key) series by timestamp range; narrow, since every point pays for it.
    // Partial on `"timestamp" >= 0` (true of every row) so only queries saying so use it: unanalyzed, the
    // planner would otherwise scan step ranges through it.
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
    // Led by the experiment: metric filters as range scans and ORDER BY a metric as an index walk that stops
    // after a page. is_nan precedes value because NaN is stored as 0; the run id makes both index-only
    // (~100 entries per page read instead of a heap page each).
    index("latest_metrics_experiment_key_value_idx").on(t.experimentId, t.key, t.isNan, t.value, t.runUuid),
  ],
);
