import { searchExperiments } from "../../services/experiments/search-experiments";
import { procedure, router } from "../init";

export const experimentsRouter = router({
  search: procedure
    .input(searchExperiments.input)
    .query(async ({ ctx, input }) => searchExperiments({ ctx: await ctx.services(), input })),
});
