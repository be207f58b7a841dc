import { experimentsIn, loggedModelIn } from "../../auth/resource-refs";
import { read } from "../../auth/rules";
import { searchDatasets } from "../../services/experiments/search-datasets";
import { getLoggedModel } from "../../services/logged-models/get-logged-model";
import { listLoggedModelArtifacts } from "../../services/logged-models/list-logged-model-artifacts";
import { searchLoggedModels } from "../../services/logged-models/search-logged-models";
import type { LoggedModel } from "../../services/logged-models/types";
import { router, verbQuery } from "../init";
import { toJsonNumber } from "../json-numbers";

/** Metric values as JSON can carry them (NaN and ±Infinity as words). */
const withJsonNumbers = (model: LoggedModel) => ({
  ...model,
  data: { ...model.data, metrics: model.data.metrics.map((m) => ({ ...m, value: toJsonNumber(m.value) })) },
});

// The UI's reads of checkpoints and datasets: the same verbs as REST.
export const loggedModelsRouter = router({
  search: verbQuery(searchLoggedModels, read(experimentsIn("experimentIds")), (result) => ({ ...result, models: result.models.map(withJsonNumbers) })),
  get: verbQuery(getLoggedModel, read(loggedModelIn("modelId")), (result) => ({ model: withJsonNumbers(result.model) })),
  listArtifacts: verbQuery(listLoggedModelArtifacts, read(loggedModelIn("modelId"))),
  searchDatasets: verbQuery(searchDatasets, read(experimentsIn("experimentIds"))),
});
