import { sql, type SQL } from "drizzle-orm";
import { runs } from "../db/schema";
import { invalidParameter } from "../mlflow-error";
import type { FieldRef } from "./ast";
import { isOneOf, STRING_COMPARATORS } from "./compile-common";

// The fields a run search and a run order name: entity prefixes and the runs table's attributes.
const PREFIXES = {
  metric: ["metric", "metrics"],
  param: ["param", "params", "parameter", "parameters"],
  tag: ["tag", "tags"],
  attribute: ["", "attribute", "attributes", "attr", "run"],
  dataset: ["dataset", "datasets"],
} as const;

export const STRING_ATTRIBUTES: Record<string, SQL> = {
  status: sql`${runs.status}`,
  run_name: sql`${runs.name}`,
  run_id: sql`${runs.runUuid}`,
  user_id: sql`${runs.userId}`,
  artifact_uri: sql`${runs.artifactUri}`,
};
export const NUMERIC_ATTRIBUTES: Record<string, SQL> = {
  start_time: sql`${runs.startTime}`,
  end_time: sql`${runs.endTime}`,
  created: sql`${runs.startTime}`,
};
export const LIST_COMPARATORS = [...STRING_COMPARATORS, "IN", "NOT IN"] as const;
export const PRESENCE = ["IS NULL", "IS NOT NULL"] as const;

export type EntityKind = keyof typeof PREFIXES;

// MLflow's aliases of run_name in filters (exactly these spellings; order_by takes none of them).
export const RUN_NAME_ALIASES = ["run name", "Run name", "Run Name"];
// IN lists: MLflow takes them on run_id only; Metron also on status and run_name (documented).
export const LIST_ATTRIBUTES = ["run_id", "status", "run_name"];

export function entityOf(field: FieldRef): EntityKind {
  // Prefixes are case-sensitive, and may be backticked (`params`.lr), as in MLflow's run search.
  const prefix = /^`[^`]*`$/.test(field.prefix) ? field.prefix.slice(1, -1) : field.prefix;
  const kind = (Object.keys(PREFIXES) as EntityKind[]).find((k) => isOneOf(prefix, PREFIXES[k]));
  if (!kind) {
    throw invalidParameter(
      `Invalid entity type '${field.prefix}' at position ${field.pos}. Valid prefixes are metrics., params., tags., attributes. and datasets.`,
    );
  }
  return kind;
}
