import type { Db } from "../../db/types";
import {
  findLoggedModelById,
  findLoggedModelData,
  type LoggedModelRow,
} from "../../repositories/logged-models-repository";
import { doesNotExist } from "../errors";
import { groupBy } from "../group-by";
import type { Metric } from "../runs/types";
import { statusOfCode, type LoggedModel } from "./types";

export const loggedModelNotFound = (modelId: string) => doesNotExist(`Logged model with ID '${modelId}' not found.`);

/** The model's row; a deleted model counts as missing unless `allowDeleted`. */
export async function requireLoggedModelRow(db: Db, modelId: string, options: { allowDeleted?: boolean } = {}): Promise<LoggedModelRow> {
  const row = await findLoggedModelById(db, modelId);
  if (!row || (row.lifecycleStage === "deleted" && !options.allowDeleted)) throw loggedModelNotFound(modelId);
  return row;
}

/** Full models (info with tags, params, every metric point) in the order of `rows`, in four queries. */
export async function assembleLoggedModels(db: Db, rows: LoggedModelRow[]): Promise<LoggedModel[]> {
  const data = await findLoggedModelData(db, rows.map((r) => r.modelId));
  const tags = groupBy(data.tags, (t) => t.modelId);
  const params = groupBy(data.params, (p) => p.modelId);
  const metrics = groupBy(data.metrics, (m) => m.modelId);
  return rows.map((row) => ({
    info: {
      modelId: row.modelId,
      experimentId: String(row.experimentId),
      name: row.name,
      creationTimestampMs: row.creationTimestampMs,
      lastUpdatedTimestampMs: row.lastUpdatedTimestampMs,
      artifactUri: row.artifactLocation,
      status: statusOfCode(row.status),
      modelType: row.modelType ?? undefined,
      sourceRunId: row.sourceRunId ?? undefined,
      statusMessage: row.statusMessage ?? undefined,
      tags: (tags.get(row.modelId) ?? []).map((t) => ({ key: t.tagKey, value: t.tagValue })),
    },
    data: {
      params: (params.get(row.modelId) ?? []).map((p) => ({ key: p.paramKey, value: p.paramValue })),
      metrics: (metrics.get(row.modelId) ?? []).map(
        (m): Metric => ({
          key: m.metricName,
          value: m.metricValue ?? Number.NaN,
          timestamp: m.metricTimestampMs,
          step: m.metricStep,
          datasetName: m.datasetName ?? undefined,
          datasetDigest: m.datasetDigest ?? undefined,
          modelId: m.modelId,
          runId: m.runId,
        }),
      ),
    },
  }));
}

export async function loadLoggedModel(db: Db, row: LoggedModelRow): Promise<LoggedModel> {
  const [model] = await assembleLoggedModels(db, [row]);
  return model;
}
