import { randomUUID } from "node:crypto";
import { z } from "zod";
import { insertRun, upsertTags } from "../../repositories/runs-repository";
import { invalidParameter } from "../errors";
import { requireActiveExperimentRow } from "../experiments/load-experiment";
import { DEFAULT_EXPERIMENT_ID } from "../experiments/types";
import { lastValuePerKey } from "../group-by";
import { experimentIdField, int64, keyValue } from "../schemas";
import { LIMITS, truncateValue, validateKey, validateRunName } from "../validation";
import { defineVerb, inTransaction } from "../verb";
import { loadRun } from "./load-run";
import { experimentLimits } from "../quotas/experiment-limits";
import { enforceRunCreationQuotas } from "../quotas/run-creation-quotas";
import { RUN_NAME_TAG } from "./types";
import { generateRunName } from "./run-name";

export const createRun = defineVerb(
  z.object({
    experimentId: experimentIdField.default(DEFAULT_EXPERIMENT_ID),
    userId: z.string().max(LIMITS.userIdLength).optional(),
    runName: z.string().optional(),
    startTime: int64.optional(),
    tags: z.array(keyValue).default([]),
  }),
  async ({ ctx, input }) => {
    const tags = lastValuePerKey(
      input.tags.map((t) => {
        validateKey("tag", t.key);
        return { key: t.key, value: truncateValue(t.value, LIMITS.runTagValueLength) };
      }),
    );
    const runName = resolveRunName(input.runName, tags.find((t) => t.key === RUN_NAME_TAG)?.value);
    validateRunName(runName);
    const runId = randomUUID().replaceAll("-", "");

    return inTransaction(ctx, async (db) => {
      const experiment = await requireActiveExperimentRow(db, input.experimentId);
      await enforceRunCreationQuotas(db, await experimentLimits(db, ctx.config.quotas, experiment.experimentId), experiment.experimentId, tags.map((t) => t.key));
      await insertRun(db, {
        runUuid: runId,
        name: runName,
        experimentId: experiment.experimentId,
        userId: input.userId ?? "",
        status: "RUNNING",
        startTime: input.startTime ?? ctx.now(),
        lifecycleStage: "active",
        artifactUri: `${experiment.artifactLocation.replace(/\/+$/, "")}/${runId}/artifacts`,
      });
      await upsertTags(db, [
        ...tags.filter((t) => t.key !== RUN_NAME_TAG).map((t) => ({ runUuid: runId, ...t })),
        { runUuid: runId, key: RUN_NAME_TAG, value: runName },
      ]);
      return { run: await loadRun(db, runId) };
    });
  },
);

/** run_name and the mlflow.runName tag must agree; with neither, a name is generated. */
function resolveRunName(runName: string | undefined, tagValue: string | undefined): string {
  if (runName && tagValue !== undefined && runName !== tagValue) {
    throw invalidParameter(
      `Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values ` +
        `(run_name='${runName}', mlflow.runName='${tagValue}').`,
    );
  }
  return runName || tagValue || generateRunName();
}
