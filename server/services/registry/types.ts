import type { KeyValue } from "../schemas";

/** MLflow's ModelVersion message, camelCased; fields MLflow leaves unset stay undefined. */
export interface ModelVersion {
  name: string;
  version: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  userId?: string;
  currentStage: string;
  description?: string;
  source?: string;
  runId?: string;
  status: "READY";
  statusMessage?: string;
  tags: KeyValue[];
  runLink?: string;
  aliases: string[];
  /** MLflow 3: the logged model this version was registered from. */
  modelId?: string;
}

export interface RegisteredModelAlias {
  alias: string;
  version: string;
}

export interface RegisteredModel {
  name: string;
  creationTimestamp: number;
  lastUpdatedTimestamp: number;
  description?: string;
  /** The newest version in each stage (None, Staging, Production, Archived) that has one. */
  latestVersions: ModelVersion[];
  tags: KeyValue[];
  aliases: RegisteredModelAlias[];
}

/** MLflow's stages, in their canonical spelling. */
export const STAGES = ["None", "Staging", "Production", "Archived"] as const;
export type Stage = (typeof STAGES)[number];

/** Stages a transition may archive the previous occupants of (MLflow's "active" stages). */
export const ACTIVE_STAGES: readonly Stage[] = ["Staging", "Production"];
