import { z } from "zod";
import { setExperimentRunsLifecycle, updateExperimentRow } from "../../repositories/experiments-repository";
import { MlflowError } from "../errors";
import { experimentIdField } from "../schemas";
import { defineVerb, inTransaction } from "../verb";
import { requireExperimentRow } from "./load-experiment";

/** Restores a deleted experiment together with its runs. */
export const restoreExperiment = defineVerb(z.object({ experimentId: experimentIdField }), async ({ ctx, input }) => {
  await inTransaction(ctx, async (db) => {
    const row = await requireExperimentRow(db, input.experimentId);
    if (row.lifecycleStage !== "deleted") {
      throw new MlflowError(
        "INVALID_PARAMETER_VALUE",
        `Cannot restore an experiment that is not deleted. Experiment ${input.experimentId} is ${row.lifecycleStage}.`,
      );
    }
    await updateExperimentRow(db, row.experimentId, { lifecycleStage: "active", lastUpdateTime: ctx.now() });
    await setExperimentRunsLifecycle(db, row.experimentId, "active", null);
  });
  return {};
});
