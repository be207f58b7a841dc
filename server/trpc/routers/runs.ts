import { searchRuns } from "../../services/runs/search-runs";
import { procedure, router } from "../init";

export const runsRouter = router({
  search: procedure.input(searchRuns.input).query(async ({ ctx, input }) => searchRuns({ ctx: await ctx.services(), input })),
});
