import type { Db } from "../../db/types";
import {
  findRunById,
  findRunData,
  findRunsByIds,
  type LatestMetricRow,
  type RunDataKeys,
  type RunRow,
} from "../../repositories/runs-repository";
import { findRunDataJson } from "../../repositories/run-data-json";
import { findDatasetInputs, findModelLinks, type DatasetInputRow } from "../../repositories/inputs-repository";
import { doesNotExist } from "../errors";
import { groupBy } from "../group-by";
import type { RunStatus } from "../schemas";
import type { DatasetInput, Metric, Run, RunInfo } from "./types";

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
  const [data, rest] = await Promise.all([findRunData(db, ids, keys), assembleRunsWithoutData(db, rows)]);
  return rest.map((run) => {
    const { metrics, params, tags } = data.get(run.info.runId)!;
    return { info: run.info, data: { metrics: metrics.map(toMetric), params, tags }, inputs: run.inputs, outputs: run.outputs };
  });
}

/**
 * As assembleRuns, with each run's `data` as the JSON text MLflow's wire carries (written by the
 * database, see run-data-json.ts): for responses sent as they are, where a 1000-run page would
 * otherwise spend most of its time turning ~35,000 entries into objects and back into JSON.
 */
export async function assembleRunsWithJsonData(db: Db, rows: RunRow[], keys?: RunDataKeys): Promise<RunWithJsonData[]> {
  const ids = rows.map((r) => r.runUuid);
  const [data, rest] = await Promise.all([findRunDataJson(db, ids, keys), assembleRunsWithoutData(db, rows)]);
  return rest.map((run) => ({ info: run.info, dataJson: data.get(run.info.runId)!, inputs: run.inputs, outputs: run.outputs }));
}

/** A Run whose data is its wire JSON text; see assembleRunsWithJsonData. */
export type RunWithJsonData = Omit<Run, "data"> & { dataJson: string };

/** Info, inputs and outputs of runs, in the order of `rows`: everything but their data. */
async function assembleRunsWithoutData(db: Db, rows: RunRow[]): Promise<Omit<Run, "data">[]> {
  const ids = rows.map((r) => r.runUuid);
  const [datasetInputs, modelLinks] = await Promise.all([findDatasetInputs(db, ids), findModelLinks(db, ids)]);
  const inputsByRun = groupBy(datasetInputs, (i) => i.runId);
  const linksByRun = groupBy(modelLinks, (l) => l.runId);
  return rows.map((row) => {
    const links = linksByRun.get(row.runUuid) ?? [];
    return {
      info: toRunInfo(row),
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
