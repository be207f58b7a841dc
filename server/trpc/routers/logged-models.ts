import { searchDatasets } from "../../services/experiments/search-datasets";
import { getLoggedModel } from "../../services/logged-models/get-logged-model";
import { searchLoggedModels } from "../../services/logged-models/search-logged-models";
import { router, verbQuery } from "../init";

// The UI's reads of checkpoints and datasets: the same verbs as REST.
export const loggedModelsRouter = router({
  search: verbQuery(searchLoggedModels),
  get: verbQuery(getLoggedModel),
  searchDatasets: verbQuery(searchDatasets),
});
