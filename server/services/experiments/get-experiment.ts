import { z } from "zod";
import { experimentIdField } from "../schemas";
import { defineVerb } from "../verb";
import { loadExperiment, requireExperimentRow } from "./load-experiment";

/** Deleted experiments are returned too (with lifecycle_stage "deleted"). */
export const getExperiment = defineVerb(z.object({ experimentId: experimentIdField }), async ({ ctx, input }) => {
  const row = await requireExperimentRow(ctx.db, input.experimentId);
  return { experiment: await loadExperiment(ctx.db, row) };
});
