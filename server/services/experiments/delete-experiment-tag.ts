import { z } from "zod";
import { deleteExperimentTag as deleteTagRow } from "../../repositories/experiments-repository";
import { doesNotExist } from "../errors";
import { experimentIdField, requiredString } from "../schemas";
import { defineVerb } from "../verb";
import { requireActiveExperimentRow } from "./load-experiment";

export const deleteExperimentTag = defineVerb(
  z.object({ experimentId: experimentIdField, key: requiredString }),
  async ({ ctx, input }) => {
    const row = await requireActiveExperimentRow(ctx.db, input.experimentId);
    if (!(await deleteTagRow(ctx.db, row.experimentId, input.key))) {
      throw doesNotExist(`No tag with name: ${input.key} in experiment with id ${input.experimentId}`);
    }
    return {};
  },
);
