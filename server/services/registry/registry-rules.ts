import { z } from "zod";
import { invalidParameter } from "../errors";
import { keyValue, requiredString, type KeyValue } from "../schemas";
import { validateKey } from "../validation";
import { ACTIVE_STAGES, STAGES, type Stage } from "./types";

// MLflow's registry limits (mlflow/utils/validation.py and its registry tables).
export const REGISTRY_LIMITS = {
  modelNameLength: 256,
  descriptionLength: 5000,
  tagValueLength: 5000,
  aliasLength: 255,
  runLinkLength: 500,
} as const;

/** Version numbers arrive as strings ("3"), or as numbers from some clients. */
export const versionField = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v))
  .pipe(requiredString);

export const modelNameField = requiredString.max(REGISTRY_LIMITS.modelNameLength);

export const descriptionField = z.string().max(REGISTRY_LIMITS.descriptionLength);

export const registryTags = z.array(keyValue).default([]);

/** A version number as stored: MLflow answers "must be an integer" for anything else. */
export function parseVersion(version: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(version)) {
    throw invalidParameter(`Parameter 'version' must be an integer, got '${version}'.`);
  }
  return Number(version);
}

/** True when a parsed version could name a stored row (the column is a 32-bit integer). */
export const isStorableVersion = (version: number) => Number.isSafeInteger(version) && version >= 1 && version <= 2147483647;

const STAGE_BY_LOWER = new Map<string, Stage>(STAGES.map((s) => [s.toLowerCase(), s]));

/** A stage in any letter case → its canonical spelling ("production" → "Production"). */
export function canonicalStage(stage: string): Stage {
  const canonical = STAGE_BY_LOWER.get(stage.toLowerCase());
  if (!canonical) {
    throw invalidParameter(`Invalid Model Version stage: ${stage}. Value must be one of ${STAGES.join(", ")}.`);
  }
  return canonical;
}

export function isActiveStage(stage: Stage): boolean {
  return ACTIVE_STAGES.includes(stage);
}

const ALIAS_PATTERN = /^[\p{L}\p{N}_-]*$/u;

/** Alias names: word characters and dashes, ≤255, and neither `latest` nor `v<digits>` (reserved). */
export function validateAlias(alias: string): void {
  if (!ALIAS_PATTERN.test(alias)) {
    throw invalidParameter(`Invalid alias name: '${alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-).`);
  }
  if (alias.length > REGISTRY_LIMITS.aliasLength) {
    throw invalidParameter(`'Registered model alias name' exceeds the maximum length of ${REGISTRY_LIMITS.aliasLength} characters`);
  }
  if (alias.toLowerCase() === "latest") throw invalidParameter("'latest' alias name (case insensitive) is reserved.");
  if (/^[vV]\d+$/.test(alias)) throw invalidParameter(`Version alias name '${alias}' is reserved.`);
}

/** Registered-model and model-version tags: a valid tag key and a value of at most 5000 characters. */
export function validateRegistryTag(tag: KeyValue): void {
  validateKey("tag", tag.key);
  if (tag.value.length > REGISTRY_LIMITS.tagValueLength) {
    throw invalidParameter(
      `Tag value for key '${tag.key}' exceeds the maximum length of ${REGISTRY_LIMITS.tagValueLength} characters.`,
    );
  }
}
