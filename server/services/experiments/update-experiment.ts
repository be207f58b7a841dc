import { z } from "zod";
import { renameExperiment } from "../../repositories/experiments-repository";
import { MlflowError } from "../errors";
import { experimentIdField, requiredString } from "../schemas";
import { defineVerb } from "../verb";
import { validateExperimentName } from "./experiment-rules";
import { requireExperimentRow } from "./load-experiment";

/** Renames an experiment (the only update MLflow's API offers). */
export const updateExperiment = defineVerb(
  z.object({ experimentId: experimentIdField, newName: requiredString }),
  async ({ ctx, input }) => {
    validateExperimentName(input.newName);
    const row = await requireExperimentRow(ctx.db, input.experimentId);
    if (row.lifecycleStage !== "active") {
      throw new MlflowError(
        "INVALID_STATE",
        `Cannot rename a non-active experiment. Experiment ${input.experimentId} is ${row.lifecycleStage}.`,
      );
    }
    if (!(await renameExperiment(ctx.db, row.experimentId, input.newName, ctx.now()))) {
      throw new MlflowError("RESOURCE_ALREADY_EXISTS", `Experiment(name=${input.newName}) already exists.`);
    }
    return {};
  },
);
