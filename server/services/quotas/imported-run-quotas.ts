import type { Db } from "../../db/types";
import { countActiveRunsUpTo, lockExperimentRuns } from "../../repositories/quota-repository";
import type { ExperimentLimits } from "./experiment-limits";
import { quotaExceeded } from "./quota-errors";

/** What an imported run brings into its experiment, counted from the source before anything is written. */
export interface ImportedRun {
  runId: string;
  experimentId: number;
  /** Not in Metron yet, and active: it takes a place under the run quota. */
  takesRunPlace: boolean;
  paramKeys: string[];
  tagKeys: string[];
  /** Its metric points; undefined when no metric quota applies (then nobody counted them). */
  metricPoints?: number;
}

/**
 * The importer's quota check: the same limits and RESOURCE_EXHAUSTED errors as the API's writes, inside
 * the run's transaction and before its first write, so a run over a limit is not imported at all.
 */
export async function enforceImportedRunQuotas(db: Db, limits: ExperimentLimits, run: ImportedRun): Promise<void> {
  if (limits.maxRuns !== undefined && run.takesRunPlace) {
    await lockExperimentRuns(db, run.experimentId);
    const total = (await countActiveRunsUpTo(db, run.experimentId, limits.maxRuns + 1)) + 1;
    if (total > limits.maxRuns) throw quotaExceeded("active runs", limits.maxRuns, total, `experiment ${run.experimentId}`);
  }
  const perRun: [string, number | undefined, number | undefined][] = [
    ["params", limits.maxParamsPerRun, new Set(run.paramKeys).size],
    ["tags", limits.maxTagsPerRun, new Set(run.tagKeys).size],
    ["metric steps", limits.maxMetricStepsPerRun, run.metricPoints],
  ];
  for (const [what, limit, count] of perRun) {
    if (limit !== undefined && count !== undefined && count > limit) throw quotaExceeded(what, limit, count, `run ${run.runId}`);
  }
}
