import { z } from "zod";
import { invalidParameter } from "../errors";
import { keyValue, requiredString, type KeyValue } from "../schemas";

/** model_id is required; REST also takes it from the URL path (`logged-models/{model_id}`). */
export const modelIdField = requiredString;

// logged_model_tags.tag_key and logged_model_params.param_key are 255 characters, as in MLflow.
const KEY_LENGTH = 255;

export const loggedModelKeyValues = z.array(keyValue).default([]);

/** Rejects keys longer than their column, naming the first one (a 400, never a database error). */
export function validateModelKeys(kind: "tag" | "param", entries: KeyValue[]): void {
  const tooLong = entries.find((e) => e.key.length > KEY_LENGTH);
  if (tooLong) {
    throw invalidParameter(`Logged model ${kind} key '${tooLong.key.slice(0, 40)}…' exceeds the maximum length of ${KEY_LENGTH} characters.`);
  }
}

/** Params are immutable: the same value again is a no-op, a different one an error naming both. */
export function rejectChangedParams(modelId: string, params: KeyValue[], existing: KeyValue[]): void {
  const stored = new Map(existing.map((p) => [p.key, p.value]));
  const changed = params.find((p) => stored.has(p.key) && stored.get(p.key) !== p.value);
  if (changed) {
    throw invalidParameter(
      `Changing param values is not allowed. Param with key='${changed.key}' was already logged with ` +
        `value='${stored.get(changed.key)}' for model ID='${modelId}'. Attempted logging new value '${changed.value}'.`,
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
