import type { Db } from "../../db/types";
import type { StoredPoint } from "../../repositories/metrics-repository";
import { insertLoggedModelMetrics, type ModelMetricPoint } from "../../repositories/logged-models-repository";
import { insertMetricPoints } from "../../repositories/metrics-repository";
import { findParams, insertParams, lockRunForWrite, updateRunRow, upsertTags, type RunRow } from "../../repositories/runs-repository";
import type { ServiceContext } from "../context";
import { invalidParameter } from "../errors";
import { lastValuePerKey } from "../group-by";
import type { KeyValue } from "../schemas";
import { LIMITS, truncateValue, validateKey, validateRunName } from "../validation";
import { inTransaction } from "../verb";
import { lockRunForDataWrite } from "../../repositories/run-data-lock";
import { mergeLimits } from "../quotas/experiment-limits";
import { enforceRunDataQuotas } from "../quotas/run-data-quotas";
import { runNotFound } from "./load-run";
import { RUN_NAME_TAG } from "./types";
import type { MetricInput } from "./run-input";

export interface RunDataWrite {
  metrics?: MetricInput[];
  params?: KeyValue[];
  tags?: KeyValue[];
}

/**
 * The one write path for metrics, params and tags (log-batch, log-metric, log-parameter,
 * set-tag). Everything is validated first, then written in one transaction: all or nothing.
 */
export async function writeRunData(ctx: ServiceContext, runId: string, data: RunDataWrite): Promise<void> {
  const metricInputs = data.metrics ?? [];
  // A batch repeats a few keys many times: check each distinct key once (first invalid one wins, as before).
  for (const key of new Set(metricInputs.map((m) => m.key))) validateKey("metric", key);
  const metrics = metricInputs.map(toStoredPoint);
  // Points logged against a model also feed the model's metrics (what logged-model search ranks).
  // A model_id naming no model is kept on the history only, as MLflow's default (SQLite) store does.
  const modelPoints = metricInputs.flatMap(toModelPoint);
  const params = (data.params ?? []).map((p) => {
    validateKey("param", p.key);
    return { key: p.key, value: truncateValue(p.value, LIMITS.paramValueLength) };
  });
  const tags = lastValuePerKey(
    (data.tags ?? []).map((t) => {
      validateKey("tag", t.key);
      return { key: t.key, value: truncateValue(t.value, LIMITS.runTagValueLength) };
    }),
  );
  rejectDuplicateParamKeys(params);
  const runName = tags.find((t) => t.key === RUN_NAME_TAG);
  if (runName) validateRunName(runName.value);

  await inTransaction(ctx, async (db) => {
    // One statement locks the run and reads its experiment's stage and quotas and bumps the metric
    // counter; the params lookup is sent with it (pipelined on the transaction's connection).
    const [lockedRow, existingParams] = await Promise.all([lockRunForDataWrite(db, runId, metrics.length), findExistingParams(db, runId, params)]);
    const locked = requireWritable(runId, lockedRow);
    rejectChangedParams(runId, params, existingParams);
    const newParams = params.filter((p) => !existingParams.has(p.key));
    const limits = mergeLimits(ctx.config.quotas, locked.quota);
    const addition = { newParamCount: newParams.length, tagKeys: tags.map((t) => t.key), metricPoints: metrics.length };
    await enforceRunDataQuotas(db, runId, limits, addition, locked.metricPoints);
    await insertParams(db, newParams.map((p) => ({ runUuid: runId, ...p })));
    if (tags.length > 0) {
      await upsertTags(db, tags.map((t) => ({ runUuid: runId, ...t })));
      // The run's name and its mlflow.runName tag are one fact stored twice: keep them equal.
      if (runName) await updateRunRow(db, runId, { name: runName.value });
    }
    await insertMetricPoints(db, runId, metrics);
    await insertLoggedModelMetrics(db, runId, modelPoints);
  });
}

function toModelPoint(m: MetricInput): ModelMetricPoint[] {
  if (!m.modelId) return [];
  return [
    {
      modelId: m.modelId,
      key: m.key,
      value: m.value,
      timestamp: m.timestamp,
      step: m.step,
      datasetName: m.datasetName || undefined,
      datasetDigest: m.datasetDigest || undefined,
    },
  ];
}

/** Writes go only to active runs in active experiments. */
export async function requireWritableRun(db: Db, runId: string, lock: "share" | "update" = "share"): Promise<RunRow> {
  const found = await lockRunForWrite(db, runId, lock);
  return requireWritable(runId, found && { ...found.run, experimentStage: found.experimentStage });
}

/** The locked run as given, unless it is missing or it or its experiment is not active. */
function requireWritable<T extends { lifecycleStage: string; experimentId: number; experimentStage: string }>(runId: string, found: T | undefined): T {
  if (!found) throw runNotFound(runId);
  if (found.lifecycleStage !== "active") {
    throw invalidParameter(`The run ${runId} must be in the 'active' state. Current state is ${found.lifecycleStage}.`);
  }
  if (found.experimentStage !== "active") {
    throw invalidParameter(`The experiment ${found.experimentId} must be in the 'active' state. Current state is ${found.experimentStage}.`);
  }
  return found;
}

function toStoredPoint(m: MetricInput): StoredPoint {
  const isNan = Number.isNaN(m.value);
  return {
    key: m.key,
    value: isNan ? 0 : m.value,
    isNan,
    timestamp: m.timestamp,
    step: m.step,
    modelId: m.modelId || undefined,
    datasetName: m.datasetName || undefined,
    datasetDigest: m.datasetDigest || undefined,
  };
}

async function findExistingParams(db: Db, runId: string, params: KeyValue[]): Promise<Map<string, string>> {
  if (params.length === 0) return new Map();
  return new Map((await findParams(db, runId, params.map((p) => p.key))).map((p) => [p.key, p.value]));
}

/** Params are immutable: the same value again is a no-op, a different one an error naming both. */
function rejectChangedParams(runId: string, params: KeyValue[], existing: Map<string, string>): void {
  const changed = params.filter((p) => existing.has(p.key) && existing.get(p.key) !== p.value);
  if (changed.length === 1) {
    const [p] = changed;
    throw invalidParameter(
      `Changing param values is not allowed. Param with key='${p.key}' was already logged with ` +
        `value='${existing.get(p.key)}' for run ID='${runId}'. Attempted logging new value '${p.value}'.`,
    );
  }
  if (changed.length > 1) {
    const list = changed.map((p) => `{'key': '${p.key}', 'old_value': '${existing.get(p.key)}', 'new_value': '${p.value}'}`);
    throw invalidParameter(
      `Changing param values is not allowed. Params were already logged='[${list.join(", ")}]' for run ID='${runId}'.`,
    );
  }
}

function rejectDuplicateParamKeys(params: KeyValue[]): void {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const p of params) (seen.has(p.key) ? duplicates : seen).add(p.key);
  if (duplicates.size > 0) {
    throw invalidParameter(
      `Duplicate parameter keys have been submitted: [${[...duplicates].map((k) => `'${k}'`).join(", ")}]. ` +
        `Please ensure the request contains only one param value per param key.`,
    );
  }
}
