import { z } from "zod";
import { invalidParameter } from "../errors";
import { keyValue, requiredString, type KeyValue } from "../schemas";
import { shownInMessage } from "../shown-in-message";
import { LIMITS, truncateValue, validateKey } from "../validation";

/** model_id is required; REST also takes it from the URL path (`logged-models/{model_id}`). */
export const modelIdField = requiredString;

export const loggedModelKeyValues = z.array(keyValue).default([]);

/**
 * A logged model's params and tags follow a run's rules (MLflow's limits): keys are checked as run
 * keys are (at most 250 characters, the same characters, no path tricks), and values longer than a
 * run's param (6000) or tag (8000) value are cut to that length, as MLflow cuts them for runs.
 */
export function toModelKeyValues(kind: "tag" | "param", entries: KeyValue[]): KeyValue[] {
  const maxValueLength = kind === "param" ? LIMITS.paramValueLength : LIMITS.runTagValueLength;
  return entries.map((e) => {
    validateKey(kind, e.key);
    return { key: e.key, value: truncateValue(e.value, maxValueLength) };
  });
}

/** Params are immutable: the same value again is a no-op, a different one an error naming both. */
export function rejectChangedParams(modelId: string, params: KeyValue[], existing: KeyValue[]): void {
  const stored = new Map(existing.map((p) => [p.key, p.value]));
  const changed = params.find((p) => stored.has(p.key) && stored.get(p.key) !== p.value);
  if (changed) {
    throw invalidParameter(
      `Changing param values is not allowed. Param with key='${changed.key}' was already logged with ` +
        `value='${shownInMessage(stored.get(changed.key) ?? "")}' for model ID='${modelId}'. Attempted logging new value '${shownInMessage(changed.value)}'.`,
    );
  }
}

/** Within one request, a param key may appear once (as log-batch requires of run params). */
export function rejectDuplicateKeys(params: KeyValue[]): void {
  const seen = new Set<string>();
  for (const p of params) {
    if (seen.has(p.key)) throw invalidParameter(`Duplicate parameter key '${p.key}' in one request; send one value per key.`);
    seen.add(p.key);
  }
}
