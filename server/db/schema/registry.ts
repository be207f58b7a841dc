import { bigint, foreignKey, index, integer, pgTable, primaryKey, text, varchar } from "drizzle-orm/pg-core";

// The model registry, with MLflow's table and column names. Names are the keys, as in MLflow:
// renaming a model rewrites them everywhere through ON UPDATE CASCADE.
export const registeredModels = pgTable(
  "registered_models",
  {
    name: varchar("name", { length: 256 }).primaryKey(),
    creationTime: bigint("creation_time", { mode: "number" }).notNull(),
    lastUpdatedTime: bigint("last_updated_time", { mode: "number" }).notNull(),
    description: varchar("description", { length: 5000 }),
  },
  // search-registered-models orders by either timestamp, ties broken by name.
  (t) => [
    index("registered_models_last_updated_idx").on(t.lastUpdatedTime, t.name),
    index("registered_models_creation_idx").on(t.creationTime, t.name),
  ],
);

/** The stage of a deleted version's redacted row; no answer ever shows it. */
export const DELETED_VERSION_STAGE = "Deleted_Internal";

const modelName = () =>
  varchar("name", { length: 256 })
    .notNull()
    .references(() => registeredModels.name, { onDelete: "cascade", onUpdate: "cascade" });

/**
 * Deleted versions stay as redacted rows in stage `Deleted_Internal` (as MLflow keeps them), so a
 * version number is never handed out twice. `storage_location` is where the artifacts really
 * are: the source itself, or what a `models:/…` source pointed to when the version was created.
 */
export const modelVersions = pgTable(
  "model_versions",
  {
    name: modelName(),
    version: integer("version").notNull(),
    creationTime: bigint("creation_time", { mode: "number" }).notNull(),
    lastUpdatedTime: bigint("last_updated_time", { mode: "number" }).notNull(),
    description: varchar("description", { length: 5000 }),
    userId: varchar("user_id", { length: 256 }),
    currentStage: varchar("current_stage", { length: 20 }).notNull().default("None"),
    source: text("source"),
    storageLocation: text("storage_location"),
    runId: varchar("run_id", { length: 32 }),
    runLink: varchar("run_link", { length: 500 }),
    status: varchar("status", { length: 20 }).notNull().default("READY"),
    statusMessage: varchar("status_message", { length: 500 }),
    modelId: varchar("model_id", { length: 64 }),
  },
  (t) => [
    primaryKey({ columns: [t.name, t.version] }),
    // search-model-versions: `run_id = / IN`, and its default order (newest update first).
    index("model_versions_run_id_idx").on(t.runId),
    index("model_versions_last_updated_idx").on(t.lastUpdatedTime.desc(), t.name, t.version.desc()),
  ],
);

export const registeredModelTags = pgTable(
  "registered_model_tags",
  {
    name: modelName(),
    key: varchar("key", { length: 250 }).notNull(),
    value: varchar("value", { length: 5000 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.key] })],
);

export const modelVersionTags = pgTable(
  "model_version_tags",
  {
    name: varchar("name", { length: 256 }).notNull(),
    version: integer("version").notNull(),
    key: varchar("key", { length: 250 }).notNull(),
    value: varchar("value", { length: 5000 }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.name, t.version, t.key] }),
    foreignKey({ columns: [t.name, t.version], foreignColumns: [modelVersions.name, modelVersions.version] })
      .onDelete("cascade")
      .onUpdate("cascade"),
  ],
);

export const registeredModelAliases = pgTable(
  "registered_model_aliases",
  {
    name: modelName(),
    alias: varchar("alias", { length: 256 }).notNull(),
    version: integer("version").notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.alias] })],
);
