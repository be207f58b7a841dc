import { bigint, index, integer, jsonb, pgTable, text, varchar } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { experiments } from "./experiments";
import { runs } from "./runs";

// Share links and quotas (migration 0009). Empty and unread while nobody shares and no quota is set.

export const SHARE_KINDS = ["run", "compare", "chart", "model"] as const;
export type ShareKind = (typeof SHARE_KINDS)[number];

/** A read-only link: the token (see server/auth/share-token.ts) names the row, the row names what it opens. */
export const shareLinks = pgTable(
  "share_links",
  {
    id: varchar("id", { length: 32 }).primaryKey(),
    kind: varchar("kind", { length: 16 }).$type<ShareKind>().notNull(),
    runIds: jsonb("run_ids").$type<string[]>().notNull().default([]),
    modelName: varchar("model_name", { length: 256 }),
    /** The view it opens: a path and query on this server. */
    target: text("target").notNull(),
    creatorUserId: integer("creator_user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    creationTime: bigint("creation_time", { mode: "number" }).notNull(),
    expiryTime: bigint("expiry_time", { mode: "number" }).notNull(),
    revokedTime: bigint("revoked_time", { mode: "number" }),
  },
  (t) => [index("share_links_creator_idx").on(t.creatorUserId, t.creationTime)],
);

/** An admin's limits for one experiment; a null column falls back to the server-wide METRON_QUOTA_* setting. */
export const experimentQuotas = pgTable("experiment_quotas", {
  experimentId: integer("experiment_id")
    .primaryKey()
    .references(() => experiments.experimentId, { onDelete: "cascade" }),
  maxRuns: bigint("max_runs", { mode: "number" }),
  maxParamsPerRun: bigint("max_params_per_run", { mode: "number" }),
  maxTagsPerRun: bigint("max_tags_per_run", { mode: "number" }),
  maxMetricStepsPerRun: bigint("max_metric_steps_per_run", { mode: "number" }),
  maxArtifactBytes: bigint("max_artifact_bytes", { mode: "number" }),
});

/** Metric points a run received, kept by every write: a quota check must not count a long history. */
export const runUsage = pgTable("run_usage", {
  runUuid: varchar("run_uuid", { length: 32 })
    .primaryKey()
    .references(() => runs.runUuid, { onDelete: "cascade" }),
  metricPoints: bigint("metric_points", { mode: "number" }).notNull().default(0),
});

/** Artifact bytes uploaded through the proxy into an experiment's runs. */
export const experimentUsage = pgTable("experiment_usage", {
  experimentId: integer("experiment_id")
    .primaryKey()
    .references(() => experiments.experimentId, { onDelete: "cascade" }),
  artifactBytes: bigint("artifact_bytes", { mode: "number" }).notNull().default(0),
});
