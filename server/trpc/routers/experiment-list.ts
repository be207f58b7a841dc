import { countExperimentRuns } from "../../services/experiments/count-experiment-runs";
import { createExperiment } from "../../services/experiments/create-experiment";
import { deleteExperiment } from "../../services/experiments/delete-experiment";
import { deleteExperimentTag } from "../../services/experiments/delete-experiment-tag";
import { getExperiment } from "../../services/experiments/get-experiment";
import { restoreExperiment } from "../../services/experiments/restore-experiment";
import { searchExperiments } from "../../services/experiments/search-experiments";
import { setExperimentTag } from "../../services/experiments/set-experiment-tag";
import { updateExperiment } from "../../services/experiments/update-experiment";
import { procedure, router } from "../init";

/** The experiment list page (`/`), the breadcrumbs of pages below an experiment, and its tags and description. */
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
  setTag: procedure.input(setExperimentTag.input).mutation(async ({ ctx, input }) => setExperimentTag({ ctx: await ctx.services(), input })),
  deleteTag: procedure
    .input(deleteExperimentTag.input)
    .mutation(async ({ ctx, input }) => deleteExperimentTag({ ctx: await ctx.services(), input })),
});
