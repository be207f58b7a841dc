import type { Db } from "../../db/types";
import {
  findRunById,
  findRunData,
  findRunsByIds,
  type LatestMetricRow,
  type RunDataKeys,
  type RunRow,
} from "../../repositories/runs-repository";
import { findDatasetInputs, findModelLinks, type DatasetInputRow } from "../../repositories/inputs-repository";
import { doesNotExist } from "../errors";
import { groupBy } from "../group-by";
import type { RunStatus } from "../schemas";
import type { DatasetInput, Metric, Run, RunInfo } from "./model";

export const runNotFound = (runId: string) => doesNotExist(`Run with id=${runId} not found`);

export async function requireRunRow(db: Db, runId: string): Promise<RunRow> {
  const row = await findRunById(db, runId);
  if (!row) throw runNotFound(runId);
  return row;
}

export function toRunInfo(row: RunRow): RunInfo {
  return {
    runId: row.runUuid,
    runUuid: row.runUuid,
    runName: row.name,
    experimentId: String(row.experimentId),
    userId: row.userId,
    status: row.status as RunStatus,
    startTime: row.startTime,
    endTime: row.endTime ?? undefined,
    artifactUri: row.artifactUri,
    lifecycleStage: row.lifecycleStage as RunInfo["lifecycleStage"],
  };
}

export function toMetric(row: Pick<LatestMetricRow, "key" | "value" | "timestamp" | "step" | "isNan">): Metric {
  return { key: row.key, value: row.isNan ? Number.NaN : row.value, timestamp: row.timestamp, step: row.step };
}

/** Full runs (info, params, tags, latest metrics) in the order of `rows`, in a fixed number of queries. */
export async function assembleRuns(db: Db, rows: RunRow[], keys?: RunDataKeys): Promise<Run[]> {
  const ids = rows.map((r) => r.runUuid);
  const [data, datasetInputs, modelLinks] = await Promise.all([findRunData(db, ids, keys), findDatasetInputs(db, ids), findModelLinks(db, ids)]);
  const inputsByRun = groupBy(datasetInputs, (i) => i.runId);
  const linksByRun = groupBy(modelLinks, (l) => l.runId);
  return rows.map((row) => {
    const { metrics, params, tags } = data.get(row.runUuid)!;
    const links = linksByRun.get(row.runUuid) ?? [];
    return {
      info: toRunInfo(row),
      data: { metrics: metrics.map(toMetric), params, tags },
      inputs: {
        datasetInputs: (inputsByRun.get(row.runUuid) ?? []).map(toDatasetInput),
        modelInputs: links.filter((l) => l.kind === "input").map((l) => ({ modelId: l.modelId })),
      },
      outputs: { modelOutputs: links.filter((l) => l.kind === "output").map((l) => ({ modelId: l.modelId, step: l.step ?? 0 })) },
    };
  });
}

export async function loadRun(db: Db, runId: string): Promise<Run> {
  const [run] = await assembleRuns(db, [await requireRunRow(db, runId)]);
  return run;
}

export async function loadRuns(db: Db, runIds: string[]): Promise<Run[]> {
  const rows = new Map((await findRunsByIds(db, runIds)).map((r) => [r.runUuid, r]));
  return assembleRuns(db, runIds.flatMap((id) => rows.get(id) ?? []));
}

function toDatasetInput(input: DatasetInputRow): DatasetInput {
  const { dataset } = input;
  return {
    tags: input.tags,
    dataset: {
      name: dataset.name,
      digest: dataset.digest,
      sourceType: dataset.datasetSourceType,
      source: dataset.datasetSource,
      schema: dataset.datasetSchema ?? undefined,
      profile: dataset.datasetProfile ?? undefined,
    },
  };
}
