import { z } from "zod";
import { setExperimentRunsLifecycle, updateExperimentRow } from "../../repositories/experiments-repository";
import { experimentIdField } from "../schemas";
import { defineVerb, inTransaction } from "../verb";
import { experimentNotFound, requireExperimentRow } from "./load-experiment";

/** Restores a deleted experiment together with its runs. */
export const restoreExperiment = defineVerb(z.object({ experimentId: experimentIdField }), async ({ ctx, input }) => {
  await inTransaction(ctx, async (db) => {
    const row = await requireExperimentRow(db, input.experimentId);
    // As MLflow (which looks the experiment up among deleted ones only): restoring an active one is "not found".
    if (row.lifecycleStage !== "deleted") throw experimentNotFound(input.experimentId);
    await updateExperimentRow(db, row.experimentId, { lifecycleStage: "active", lastUpdateTime: ctx.now() });
    await setExperimentRunsLifecycle(db, row.experimentId, "active", null);
  });
  return {};
});
