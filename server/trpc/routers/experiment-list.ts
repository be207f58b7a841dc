import { countExperimentRuns } from "../../services/experiments/count-experiment-runs";
import { createExperiment } from "../../services/experiments/create-experiment";
import { deleteExperiment } from "../../services/experiments/delete-experiment";
import { getExperiment } from "../../services/experiments/get-experiment";
import { restoreExperiment } from "../../services/experiments/restore-experiment";
import { searchExperiments } from "../../services/experiments/search-experiments";
import { updateExperiment } from "../../services/experiments/update-experiment";
import { procedure, router } from "../init";

/** The experiment list page (`/`) and the breadcrumbs of pages below an experiment. */
export const experimentListRouter = router({
  search: procedure.input(searchExperiments.input).query(async ({ ctx, input }) => searchExperiments({ ctx: await ctx.services(), input })),
  get: procedure.input(getExperiment.input).query(async ({ ctx, input }) => getExperiment({ ctx: await ctx.services(), input })),
  runCounts: procedure
    .input(countExperimentRuns.input)
    .query(async ({ ctx, input }) => countExperimentRuns({ ctx: await ctx.services(), input })),
  create: procedure.input(createExperiment.input).mutation(async ({ ctx, input }) => createExperiment({ ctx: await ctx.services(), input })),
  rename: procedure.input(updateExperiment.input).mutation(async ({ ctx, input }) => updateExperiment({ ctx: await ctx.services(), input })),
  delete: procedure.input(deleteExperiment.input).mutation(async ({ ctx, input }) => deleteExperiment({ ctx: await ctx.services(), input })),
  restore: procedure.input(restoreExperiment.input).mutation(async ({ ctx, input }) => restoreExperiment({ ctx: await ctx.services(), input })),
});
