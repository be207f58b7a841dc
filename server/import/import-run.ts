import type { Db, DbKind } from "../db/types";
import { copyMetricPoints, mergeMetricPoints } from "../repositories/import-metrics-repository";
import { countRunPoints, refreshLatestMetrics, upsertImportedRun } from "../repositories/import-repository";
import { insertDatasetInput, insertModelLinks } from "../repositories/inputs-repository";
import { rebuildMetricBlocks } from "../repositories/metrics-repository";
import { findRunById, insertParams, upsertTags } from "../repositories/runs-repository";
import type { ExperimentLimits } from "../services/quotas/experiment-limits";
import { enforceImportedRunQuotas } from "../services/quotas/imported-run-quotas";
import { ImportError } from "./import-error";
import type { MlflowSource, SourceRun } from "./model";

export interface RunTarget {
  experimentId: number;
  artifactUri: string;
  /** The quotas that apply in the experiment (the API's, checked the same way). */
  limits: ExperimentLimits;
}

export interface RunImportResult {
  /** Points the source holds for the run, and how many this pass wrote. */
  sourcePoints: number;
  writtenPoints: number;
  skipped: boolean;
}

/**
 * Copies one run — row, params, tags, inputs, every metric point, latest_metrics — in ONE
 * transaction, so an interrupted import leaves either the whole run or nothing of it. A run
 * already there is compared per metric key (point counts) and only topped up when they differ.
 */
export async function importRun(
  db: Db,
  kind: DbKind,
  source: MlflowSource,
  run: SourceRun,
  target: RunTarget,
  onPoints: (n: number) => void,
): Promise<RunImportResult> {
  const existing = await findRunById(db, run.runId);
  // A new run's points are all distinct once in Metron: what was written is what the source holds.
  if (existing && existing.experimentId !== target.experimentId) {
    throw new ImportError(
      `run ${run.runId} already exists in Metron in experiment ${existing.experimentId}, not in ${target.experimentId} where the source has it`,
    );
  }

  // Counted only under a metric quota: a count is one more pass over the source's history.
  const counts = existing || target.limits.maxMetricStepsPerRun !== undefined ? await source.metricCounts(run.runId) : undefined;
  const write = (mode: "copy" | "merge", rowsOnly: boolean) =>
    db.transaction(async (txDb) => {
      const tx = txDb as unknown as Db;
      await enforceImportedRunQuotas(tx, target.limits, {
        runId: run.runId,
        experimentId: target.experimentId,
        takesRunPlace: !existing && run.lifecycleStage === "active",
        paramKeys: run.params.map((p) => p.key),
        tagKeys: run.tags.map((t) => t.key),
        metricPoints: counts && sum(counts.values()),
      });
      await writeRunRows(tx, run, target);
      if (rowsOnly) return 0;
      let written = 0;
      for await (const batch of source.metricPoints(run.runId)) {
        if (mode === "copy") await copyMetricPoints(tx, kind, run.runId, batch);
        const added = mode === "copy" ? batch.length : await mergeMetricPoints(tx, run.runId, batch);
        written += added;
        onPoints(added);
      }
      await refreshLatestMetrics(tx, run.runId);
      await rebuildMetricBlocks(tx, run.runId);
      return written;
    });

  if (!existing) {
    const written = await write(source.hasUniquePoints ? "copy" : "merge", false);
    return { sourcePoints: written, writtenPoints: written, skipped: false };
  }
  // Already there (an earlier import, or one interrupted after this run's commit): compare counts
  // per key, and read the source's points again only when some are missing.
  const sourceCounts = counts!;
  const storedCounts = await countRunPoints(db, run.runId);
  const complete = sameCounts(sourceCounts, storedCounts);
  await write("merge", complete);
  const sourcePoints = sum(sourceCounts.values());
  return { sourcePoints, writtenPoints: complete ? 0 : Math.max(0, sourcePoints - sum(storedCounts.values())), skipped: complete };
}

async function writeRunRows(db: Db, run: SourceRun, target: RunTarget): Promise<void> {
  await upsertImportedRun(db, {
    runUuid: run.runId,
    experimentId: target.experimentId,
    name: run.name,
    userId: run.userId,
    status: run.status,
    startTime: run.startTime ?? 0,
    endTime: run.endTime,
    deletedTime: run.deletedTime,
    lifecycleStage: run.lifecycleStage,
    artifactUri: target.artifactUri,
  });
  await insertParams(db, run.params.map((p) => ({ runUuid: run.runId, ...p })));
  await upsertTags(db, run.tags.map((t) => ({ runUuid: run.runId, ...t })));
  for (const input of run.datasetInputs) {
    const { datasetUuid, name, digest, sourceType, source, schema, profile } = input.dataset;
    await insertDatasetInput(db, {
      experimentId: target.experimentId,
      runId: run.runId,
      dataset: {
        datasetUuid: datasetUuid ?? crypto.randomUUID(),
        name,
        digest,
        datasetSourceType: sourceType,
        datasetSource: source,
        datasetSchema: schema,
        datasetProfile: profile,
      },
      tags: input.tags,
    });
  }
  await insertModelLinks(db, run.runId, "input", run.modelInputs.map((modelId) => ({ modelId })));
  await insertModelLinks(db, run.runId, "output", run.modelOutputs);
}

function sameCounts(a: Map<string, number>, b: Map<string, number>): boolean {
  return a.size === b.size && [...a].every(([key, n]) => b.get(key) === n);
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
