import { z } from "zod";
import { setExperimentRunsLifecycle, updateExperimentRow } from "../../repositories/experiments-repository";
import { invalidParameter } from "../errors";
import { experimentIdField } from "../schemas";
import { defineVerb, inTransaction } from "../verb";
import { experimentNotFound, requireExperimentRow } from "./load-experiment";
import { DEFAULT_EXPERIMENT_ID } from "./types";

/** Soft-deletes an experiment and every run in it (gc removes them for good later). */
export const deleteExperiment = defineVerb(z.object({ experimentId: experimentIdField }), async ({ ctx, input }) => {
  if (input.experimentId === DEFAULT_EXPERIMENT_ID) {
    throw invalidParameter("Cannot delete the default experiment '0'. This is an internally reserved experiment.");
  }
  await inTransaction(ctx, async (db) => {
    const row = await requireExperimentRow(db, input.experimentId);
    // As MLflow (which looks the experiment up among active ones only): deleting twice is "not found".
    if (row.lifecycleStage !== "active") throw experimentNotFound(input.experimentId);
    const now = ctx.now();
    await updateExperimentRow(db, row.experimentId, { lifecycleStage: "deleted", lastUpdateTime: now });
    await setExperimentRunsLifecycle(db, row.experimentId, "deleted", now);
  });
  return {};
});
