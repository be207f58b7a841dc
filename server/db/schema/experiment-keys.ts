import { integer, pgTable, primaryKey, varchar } from "drizzle-orm/pg-core";
import { experiments } from "./experiments";

/**
 * The param, metric and tag keys an experiment's runs have (migration 0006), so column lists and key
 * suggestions cost O(keys). Statement triggers on params, tags and latest_metrics add a key in the
 * transaction that first writes it; keys stay until the experiment is deleted.
 */
export const experimentKeys = pgTable(
  "experiment_keys",
  {
    experimentId: integer("experiment_id")
      .notNull()
      .references(() => experiments.experimentId, { onDelete: "cascade" }),
    kind: varchar("kind", { length: 6 }).$type<ExperimentKeyKind>().notNull(),
    key: varchar("key", { length: 250 }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.experimentId, t.kind, t.key] })],
);

export type ExperimentKeyKind = "param" | "metric" | "tag";
