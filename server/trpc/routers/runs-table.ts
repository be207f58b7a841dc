import { getExperiment } from "../../services/experiments/get-experiment";
import { listRunKeyValues } from "../../services/runs/list-run-key-values";
import { listRunKeys } from "../../services/runs/list-run-keys";
import { searchRunsTablePage } from "../../services/runs/search-runs-table-page";
import { updateRuns } from "../../services/runs/update-runs";
import { procedure, router } from "../init";

// What the experiment page's runs table needs beyond runs.search; each procedure calls one verb.
export const runsTableRouter = router({
  experiment: procedure.input(getExperiment.input).query(async ({ ctx, input }) => getExperiment({ ctx: await ctx.services(), input })),
  page: procedure
    .input(searchRunsTablePage.input)
    .query(async ({ ctx, input }) => searchRunsTablePage({ ctx: await ctx.services(), input })),
  keys: procedure.input(listRunKeys.input).query(async ({ ctx, input }) => listRunKeys({ ctx: await ctx.services(), input })),
  keyValues: procedure
    .input(listRunKeyValues.input)
    .query(async ({ ctx, input }) => listRunKeyValues({ ctx: await ctx.services(), input })),
  update: procedure.input(updateRuns.input).mutation(async ({ ctx, input }) => updateRuns({ ctx: await ctx.services(), input })),
});
