import { getExperiment } from "../../services/experiments/get-experiment";
import { listRunKeyValues } from "../../services/runs/list-run-key-values";
import { listRunKeys } from "../../services/runs/list-run-keys";
import { searchRunsTablePage } from "../../services/runs/search-runs-table-page";
import { updateRuns } from "../../services/runs/update-runs";
import { router, verbMutation, verbQuery } from "../init";

// What the experiment page's runs table needs beyond runs.search; each procedure calls one verb.
export const runsTableRouter = router({
  experiment: verbQuery(getExperiment),
  page: verbQuery(searchRunsTablePage),
  keys: verbQuery(listRunKeys),
  keyValues: verbQuery(listRunKeyValues),
  update: verbMutation(updateRuns),
});
