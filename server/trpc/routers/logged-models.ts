import { searchDatasets } from "../../services/experiments/search-datasets";
import { getLoggedModel } from "../../services/logged-models/get-logged-model";
import { listLoggedModelArtifacts } from "../../services/logged-models/list-logged-model-artifacts";
import { searchLoggedModels } from "../../services/logged-models/search-logged-models";
import type { LoggedModel } from "../../services/logged-models/model";
import { procedure, router } from "../init";
import { toJsonNumber } from "../json-numbers";

/** Metric values as JSON can carry them (NaN and ±Infinity as words). */
const withJsonNumbers = (model: LoggedModel) => ({
  ...model,
  data: { ...model.data, metrics: model.data.metrics.map((m) => ({ ...m, value: toJsonNumber(m.value) })) },
});

// The UI's reads of checkpoints and datasets: the same verbs as REST.
export const loggedModelsRouter = router({
  search: procedure.input(searchLoggedModels.input).query(async ({ ctx, input }) => {
    const result = await searchLoggedModels({ ctx: await ctx.services(), input });
    return { ...result, models: result.models.map(withJsonNumbers) };
  }),
  get: procedure.input(getLoggedModel.input).query(async ({ ctx, input }) => ({ model: withJsonNumbers((await getLoggedModel({ ctx: await ctx.services(), input })).model) })),
  listArtifacts: procedure
    .input(listLoggedModelArtifacts.input)
    .query(async ({ ctx, input }) => listLoggedModelArtifacts({ ctx: await ctx.services(), input })),
  searchDatasets: procedure.input(searchDatasets.input).query(async ({ ctx, input }) => searchDatasets({ ctx: await ctx.services(), input })),
});
