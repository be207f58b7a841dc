import { bigint, doublePrecision, index, integer, pgTable, primaryKey, text, varchar } from "drizzle-orm/pg-core";
import { experiments } from "./experiments";

// MLflow 3 logged models (checkpoints). Created with the core schema; the models issue fills them.
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
  (t) => [index("logged_models_experiment_idx").on(t.experimentId, t.creationTimestampMs)],
);

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
    primaryKey({ columns: [t.modelId, t.metricName, t.metricTimestampMs, t.metricStep, t.runId] }),
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
