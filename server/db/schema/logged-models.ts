import { bigint, doublePrecision, index, integer, pgTable, primaryKey, text, unique, varchar } from "drizzle-orm/pg-core";
import { experiments } from "./experiments";

// MLflow 3 logged models (checkpoints), with MLflow's table and column names.
export const loggedModels = pgTable(
  "logged_models",
  {
    modelId: varchar("model_id", { length: 64 }).primaryKey(),
    experimentId: integer("experiment_id")
      .notNull()
      .references(() => experiments.experimentId, { onDelete: "cascade" }),
    name: varchar("name", { length: 500 }).notNull(),
    artifactLocation: text("artifact_location").notNull(),
    creationTimestampMs: bigint("creation_timestamp_ms", { mode: "number" }).notNull(),
    lastUpdatedTimestampMs: bigint("last_updated_timestamp_ms", { mode: "number" }).notNull(),
    status: integer("status").notNull(),
    lifecycleStage: varchar("lifecycle_stage", { length: 32 }).notNull().default("active"),
    modelType: varchar("model_type", { length: 500 }),
    sourceRunId: varchar("source_run_id", { length: 32 }),
    statusMessage: text("status_message"),
  },
  // Search's default order (newest first, then id) as an index walk within the experiment.
  (t) => [index("logged_models_experiment_idx").on(t.experimentId, t.creationTimestampMs.desc(), t.modelId)],
);

/**
 * Metrics logged against a model (log-metric / log-batch with model_id), kept apart from the run's
 * history because logged-model search filters and ranks on them. NaN is stored as PostgreSQL's own
 * NaN (sorted above every number). No foreign key to runs, as for `metrics`: gc removes them.
 */
export const loggedModelMetrics = pgTable(
  "logged_model_metrics",
  {
    modelId: varchar("model_id", { length: 64 })
      .notNull()
      .references(() => loggedModels.modelId, { onDelete: "cascade" }),
    metricName: varchar("metric_name", { length: 500 }).notNull(),
    metricTimestampMs: bigint("metric_timestamp_ms", { mode: "number" }).notNull(),
    metricStep: bigint("metric_step", { mode: "number" }).notNull(),
    metricValue: doublePrecision("metric_value"),
    experimentId: integer("experiment_id").notNull(),
    runId: varchar("run_id", { length: 32 }).notNull(),
    datasetUuid: varchar("dataset_uuid", { length: 36 }),
    datasetName: varchar("dataset_name", { length: 500 }),
    datasetDigest: varchar("dataset_digest", { length: 36 }),
  },
  (t) => [
    // One point per model, metric, time, step, run — and dataset: a checkpoint is evaluated on
    // several datasets at once (MLflow's key leaves the dataset out, so the second evaluation
    // would collide with the first). Unset datasets compare equal, so a replay stays a no-op.
    unique("logged_model_metrics_point_key")
      .on(t.modelId, t.metricName, t.metricTimestampMs, t.metricStep, t.runId, t.datasetName, t.datasetDigest)
      .nullsNotDistinct(),
    // "The latest value of metric k (on dataset d) of every model": one index-only range scan,
    // already grouped by model and newest first, for search's order_by and metric filters.
    index("logged_model_metrics_name_dataset_idx").on(
      t.metricName,
      t.datasetName,
      t.modelId,
      t.metricTimestampMs.desc(),
      t.metricStep.desc(),
      t.datasetDigest,
      t.metricValue,
    ),
    index("logged_model_metrics_run_idx").on(t.runId),
  ],
);

export const loggedModelParams = pgTable(
  "logged_model_params",
  {
    modelId: varchar("model_id", { length: 64 })
      .notNull()
      .references(() => loggedModels.modelId, { onDelete: "cascade" }),
    experimentId: integer("experiment_id").notNull(),
    paramKey: varchar("param_key", { length: 255 }).notNull(),
    paramValue: text("param_value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.paramKey] })],
);

export const loggedModelTags = pgTable(
  "logged_model_tags",
  {
    modelId: varchar("model_id", { length: 64 })
      .notNull()
      .references(() => loggedModels.modelId, { onDelete: "cascade" }),
    experimentId: integer("experiment_id").notNull(),
    tagKey: varchar("tag_key", { length: 255 }).notNull(),
    tagValue: text("tag_value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.modelId, t.tagKey] })],
);
