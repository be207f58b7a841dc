import { z } from "zod";
import { findExperimentByName } from "../../repositories/experiments-repository";
import { doesNotExist } from "../errors";
import { requiredString } from "../schemas";
import { defineVerb } from "../verb";
import { loadExperiment } from "./load-experiment";

export const getExperimentByName = defineVerb(
  z.object({ experimentName: requiredString }),
  async ({ ctx, input }) => {
    const row = await findExperimentByName(ctx.db, input.experimentName);
    if (!row) throw doesNotExist(`Could not find experiment with name '${input.experimentName}'`);
    return { experiment: await loadExperiment(ctx.db, row) };
  },
);
