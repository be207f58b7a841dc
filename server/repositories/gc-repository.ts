import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { experiments, inputs, inputTags, latestMetrics, loggedModelMetrics, metricBlockBacklog, metricBlocks, metrics, runs } from "../db/schema";
import type { Db } from "../db/types";

// What `metron gc` removes for good. Runs and experiments reach it only after a soft delete.

export interface GcRun {
  runUuid: string;
  experimentId: number;
  artifactUri: string;
}

const gcRunColumns = { runUuid: runs.runUuid, experimentId: runs.experimentId, artifactUri: runs.artifactUri };

/** Deleted runs whose deletion is older than `cutoff` (a run deleted without a time counts as old). */
export async function findRunsDeletedBefore(db: Db, cutoff: number): Promise<GcRun[]> {
  return db
    .select(gcRunColumns)
    .from(runs)
    .where(and(eq(runs.lifecycleStage, "deleted"), or(lt(runs.deletedTime, cutoff), isNull(runs.deletedTime))))
    .orderBy(runs.experimentId, runs.runUuid);
}

/** Deleted experiments last changed (that is, deleted) before `cutoff`. */
export async function findExperimentsDeletedBefore(db: Db, cutoff: number): Promise<{ experimentId: number; name: string }[]> {
  return db
    .select({ experimentId: experiments.experimentId, name: experiments.name })
    .from(experiments)
    .where(and(eq(experiments.lifecycleStage, "deleted"), lt(experiments.lastUpdateTime, cutoff)))
    .orderBy(experiments.experimentId);
}

export async function findRunsOfExperiments(db: Db, experimentIds: number[]): Promise<GcRun[]> {
  if (experimentIds.length === 0) return [];
  return db.select(gcRunColumns).from(runs).where(inArray(runs.experimentId, experimentIds)).orderBy(runs.experimentId, runs.runUuid);
}

/**
 * Deletes runs and every row about them. Params and tags follow the runs through their foreign
 * keys; metric history, latest metrics, the points they logged against models and their inputs
 * have none (see schema/runs.ts), so they are deleted here explicitly.
 */
export async function deleteRunsForGood(db: Db, runIds: string[]): Promise<void> {
  if (runIds.length === 0) return;
  await db.delete(metrics).where(inArray(metrics.runUuid, runIds));
  await db.delete(latestMetrics).where(inArray(latestMetrics.runUuid, runIds));
  await db.delete(metricBlocks).where(inArray(metricBlocks.runUuid, runIds));
  await db.delete(metricBlockBacklog).where(inArray(metricBlockBacklog.runUuid, runIds));
  await db.delete(loggedModelMetrics).where(inArray(loggedModelMetrics.runId, runIds));
  const linked = or(inArray(inputs.destinationId, runIds), inArray(inputs.sourceId, runIds));
  const linkedInputs = db.select({ id: inputs.inputUuid }).from(inputs).where(linked);
  await db.delete(inputTags).where(inArray(inputTags.inputUuid, linkedInputs));
  await db.delete(inputs).where(linked);
  await db.delete(runs).where(inArray(runs.runUuid, runIds));
}

/** Deletes experiments whose runs are already gone; tags, datasets and logged models follow by foreign key. */
export async function deleteExperimentsForGood(db: Db, experimentIds: number[]): Promise<void> {
  if (experimentIds.length === 0) return;
  await db.delete(experiments).where(inArray(experiments.experimentId, experimentIds));
}
