import { bigint, index, integer, pgTable, primaryKey, text, uniqueIndex, varchar } from "drizzle-orm/pg-core";
import { experiments } from "./experiments";

// Datasets and the inputs/outputs that link them (and logged models) to runs.
// Created with the core schema; the dataset issue fills them.
export const datasets = pgTable(
  "datasets",
  {
    datasetUuid: varchar("dataset_uuid", { length: 36 }).notNull(),
    experimentId: integer("experiment_id")
      .notNull()
      .references(() => experiments.experimentId, { onDelete: "cascade" }),
    name: varchar("name", { length: 500 }).notNull(),
    digest: varchar("digest", { length: 36 }).notNull(),
    datasetSourceType: varchar("dataset_source_type", { length: 36 }).notNull(),
    datasetSource: text("dataset_source").notNull(),
    datasetSchema: text("dataset_schema"),
    datasetProfile: text("dataset_profile"),
  },
  (t) => [
    primaryKey({ columns: [t.experimentId, t.name, t.digest] }),
    uniqueIndex("datasets_uuid_idx").on(t.datasetUuid),
  ],
);

export const inputs = pgTable(
  "inputs",
  {
    inputUuid: varchar("input_uuid", { length: 36 }).notNull(),
    sourceType: varchar("source_type", { length: 36 }).notNull(),
    sourceId: varchar("source_id", { length: 36 }).notNull(),
    destinationType: varchar("destination_type", { length: 36 }).notNull(),
    destinationId: varchar("destination_id", { length: 36 }).notNull(),
    step: bigint("step", { mode: "number" }),
  },
  (t) => [
    primaryKey({ columns: [t.sourceType, t.sourceId, t.destinationType, t.destinationId] }),
    uniqueIndex("inputs_uuid_idx").on(t.inputUuid),
    index("inputs_destination_idx").on(t.destinationType, t.destinationId),
  ],
);

export const inputTags = pgTable(
  "input_tags",
  {
    inputUuid: varchar("input_uuid", { length: 36 }).notNull(),
    name: varchar("name", { length: 255 }).notNull(),
    value: varchar("value", { length: 500 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.inputUuid, t.name] })],
);
