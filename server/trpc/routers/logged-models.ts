import { searchDatasets } from "../../services/experiments/search-datasets";
import { getLoggedModel } from "../../services/logged-models/get-logged-model";
import { listLoggedModelArtifacts } from "../../services/logged-models/list-logged-model-artifacts";
import { searchLoggedModels } from "../../services/logged-models/search-logged-models";
import { procedure, router } from "../init";

// The UI's reads of checkpoints and datasets: the same verbs as REST.
export const loggedModelsRouter = router({
  search: procedure.input(searchLoggedModels.input).query(async ({ ctx, input }) => searchLoggedModels({ ctx: await ctx.services(), input })),
  get: procedure.input(getLoggedModel.input).query(async ({ ctx, input }) => getLoggedModel({ ctx: await ctx.services(), input })),
  listArtifacts: procedure
    .input(listLoggedModelArtifacts.input)
    .query(async ({ ctx, input }) => listLoggedModelArtifacts({ ctx: await ctx.services(), input })),
  searchDatasets: procedure.input(searchDatasets.input).query(async ({ ctx, input }) => searchDatasets({ ctx: await ctx.services(), input })),
});
