import type { Db } from "../../db/types";
import { countActiveRunsUpTo, lockExperimentRuns } from "../../repositories/quota-repository";
import { RUN_NAME_TAG } from "../runs/types";
import type { ExperimentLimits } from "./experiment-limits";
import { quotaExceeded } from "./quota-errors";

/**
 * A new run must fit the experiment's run quota (active runs: deleting one makes room) and its tags the
 * per-run tag quota. Under a run quota, creations in the experiment queue on its row, so two cannot both
 * take the last place.
 */
export async function enforceRunCreationQuotas(db: Db, limits: ExperimentLimits, experimentId: number, tagKeys: string[]): Promise<void> {
  if (limits.maxRuns !== undefined) {
    await lockExperimentRuns(db, experimentId);
    const total = (await countActiveRunsUpTo(db, experimentId, limits.maxRuns + 1)) + 1;
    if (total > limits.maxRuns) throw quotaExceeded("active runs", limits.maxRuns, total, `experiment ${experimentId}`);
  }
  // The run's name is always stored as a tag, whether or not the request sent one.
  const tagCount = new Set([...tagKeys, RUN_NAME_TAG]).size;
  if (limits.maxTagsPerRun !== undefined && tagCount > limits.maxTagsPerRun) {
    throw quotaExceeded("tags", limits.maxTagsPerRun, tagCount, "a run");
  }
}
