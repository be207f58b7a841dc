import { z } from "zod";
import { upsertExperimentTag } from "../../repositories/experiments-repository";
import { experimentIdField, requiredString } from "../schemas";
import { defineVerb } from "../verb";
import { validateExperimentTag } from "./experiment-rules";
import { requireActiveExperimentRow } from "./load-experiment";

export const setExperimentTag = defineVerb(
  z.object({
    experimentId: experimentIdField,
    key: requiredString,
    value: z.string().nullish().transform((v) => v ?? ""),
  }),
  async ({ ctx, input }) => {
    validateExperimentTag(input);
    const row = await requireActiveExperimentRow(ctx.db, input.experimentId);
    await upsertExperimentTag(ctx.db, { experimentId: row.experimentId, key: input.key, value: input.value });
    return {};
  },
);
