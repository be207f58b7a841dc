import type { Db } from "../../db/types";
import { addRunMetricPoints, countParamsUpTo, countTagsUpTo, findTagKeys } from "../../repositories/quota-repository";
import type { ExperimentLimits } from "./experiment-limits";
import { quotaExceeded } from "./quota-errors";

/** What one write adds to a run: new param keys (already checked against stored ones), tag keys, points. */
export interface RunDataAddition {
  newParamCount: number;
  tagKeys: string[];
  metricPoints: number;
}

/**
 * Checks a write against the run's quotas inside its transaction, before anything is written; a throw
 * rolls the whole write back. `countedPoints`: the run's metric counter with this write's points added,
 * as lockRunForDataWrite left it (null: the run had no counter row yet, or no points were added). The
 * counter is kept whether or not a quota applies (a quota set later must see the truth), and its row lock
 * makes two writes to one run count one after the other; so do params and tags under their quotas.
 */
export async function enforceRunDataQuotas(db: Db, runId: string, limits: ExperimentLimits, add: RunDataAddition, countedPoints: number | null): Promise<void> {
  const limitsCounts = limits.maxParamsPerRun !== undefined || limits.maxTagsPerRun !== undefined;
  let points = countedPoints;
  if ((add.metricPoints > 0 && points === null) || (add.metricPoints === 0 && limitsCounts && (add.newParamCount > 0 || add.tagKeys.length > 0))) {
    points = await addRunMetricPoints(db, runId, add.metricPoints);
  }
  if (limits.maxMetricStepsPerRun !== undefined && add.metricPoints > 0 && points! > limits.maxMetricStepsPerRun) {
    throw quotaExceeded("metric steps", limits.maxMetricStepsPerRun, points!, `run ${runId}`);
  }
  if (limits.maxParamsPerRun !== undefined && add.newParamCount > 0) {
    const total = (await countParamsUpTo(db, runId, limits.maxParamsPerRun + 1)) + add.newParamCount;
    if (total > limits.maxParamsPerRun) throw quotaExceeded("params", limits.maxParamsPerRun, total, `run ${runId}`);
  }
  if (limits.maxTagsPerRun !== undefined && add.tagKeys.length > 0) {
    const existing = new Set(await findTagKeys(db, runId, add.tagKeys));
    const added = add.tagKeys.filter((k) => !existing.has(k)).length;
    if (added === 0) return;
    const total = (await countTagsUpTo(db, runId, limits.maxTagsPerRun + 1)) + added;
    if (total > limits.maxTagsPerRun) throw quotaExceeded("tags", limits.maxTagsPerRun, total, `run ${runId}`);
  }
}
