import { experimentIn, experimentsIn, runsIn } from "../../auth/resource-refs";
import { allOf, edit, manage, read } from "../../auth/rules";
import { getExperiment } from "../../services/experiments/get-experiment";
import { listRunKeyValues } from "../../services/runs/list-run-key-values";
import { listRunKeys } from "../../services/runs/list-run-keys";
import { searchRunsTablePage } from "../../services/runs/search-runs-table-page";
import { updateRuns } from "../../services/runs/update-runs";
import { router, verbMutation, verbQuery } from "../init";

// What the experiment page's runs table needs beyond runs.search; each procedure calls one verb.
export const runsTableRouter = router({
  experiment: verbQuery(getExperiment, read(experimentIn("experimentId"))),
  page: verbQuery(searchRunsTablePage, read(experimentsIn("experimentIds"))),
  keys: verbQuery(listRunKeys, read(experimentsIn("experimentIds"))),
  keyValues: verbQuery(listRunKeyValues, read(experimentsIn("experimentIds"))),
  update: verbMutation(updateRuns, allOf(edit(runsIn("runIds")), manage(bulkRemovals))),
});

/** Bulk delete and restore need MANAGE on each run's experiment, as runs/delete does; set-tag only EDIT. */
function bulkRemovals(input: Record<string, unknown>) {
  const action = input?.action as { type?: unknown } | undefined;
  return action?.type === "setTag" ? [] : runsIn("runIds")(input);
}
