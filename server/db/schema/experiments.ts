import { bigint, index, integer, pgTable, primaryKey, serial, text, varchar } from "drizzle-orm/pg-core";

// MLflow's table and column names, so that people who know MLflow's schema find their way.
export const experiments = pgTable(
  "experiments",
  {
    experimentId: serial("experiment_id").primaryKey(),
    name: varchar("name", { length: 500 }).notNull().unique(),
    artifactLocation: text("artifact_location").notNull(),
    lifecycleStage: varchar("lifecycle_stage", { length: 32 }).notNull().default("active"),
    creationTime: bigint("creation_time", { mode: "number" }).notNull(),
    lastUpdateTime: bigint("last_update_time", { mode: "number" }).notNull(),
  },
  (t) => [index("experiments_creation_time_idx").on(t.creationTime, t.experimentId)],
);

export const experimentTags = pgTable(
  "experiment_tags",
  {
    experimentId: integer("experiment_id")
      .notNull()
      .references(() => experiments.experimentId, { onDelete: "cascade" }),
    key: varchar("key", { length: 250 }).notNull(),
    value: varchar("value", { length: 5000 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.key] })],
);
