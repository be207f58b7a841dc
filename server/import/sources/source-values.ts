// What every MLflow source reader needs to turn the source's loose values into import rows.
import type { SourceModelVersion } from "../model";

/** Metric points per batch handed to the import (bounded memory, few statements). */
export const POINT_BATCH = 10_000;

/** MLflow's LoggedModelStatus enum: its names (file store, REST) as the numbers its tables store. */
export const MODEL_STATUS: Record<string, number> = { LOGGED_MODEL_PENDING: 1, LOGGED_MODEL_READY: 2, LOGGED_MODEL_UPLOAD_FAILED: 3 };

/** The fields of a model version that MLflow's file store and its tables both name alike (snake_case). */
export function modelVersionDetails(v: Record<string, unknown>): Omit<SourceModelVersion, "version" | "creationTime" | "lastUpdatedTime" | "tags"> {
  return {
    description: toText(v.description),
    userId: toText(v.user_id),
    currentStage: String(v.current_stage ?? "None"),
    source: toText(v.source),
    storageLocation: toText(v.storage_location),
    runId: toText(v.run_id),
    runLink: toText(v.run_link),
    status: String(v.status ?? "READY"),
    statusMessage: toText(v.status_message),
    modelId: toText(v.model_id),
  };
}

/** A stored number, or null when the source has none (missing, null or an empty string). */
export function toNumber(value: unknown): number | null {
  return value === null || value === undefined || value === "" ? null : Number(value);
}

/** A stored text, or null when the source has none. */
export function toText(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

/** The items in arrays of `size` (the last one shorter), as they are produced. */
export function* inBatches<T>(items: Iterable<T>, size = POINT_BATCH): Generator<T[]> {
  let batch: T[] = [];
  for (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}

/** inBatches for items read asynchronously (lines of files). */
export async function* inBatchesAsync<T>(items: AsyncIterable<T>, size = POINT_BATCH): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
