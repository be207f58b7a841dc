import { experimentIn, experimentsIn } from "../../auth/resource-refs";
import { LISTING, SIGNED_IN, edit, manage, read } from "../../auth/rules";
import { countExperimentRuns } from "../../services/experiments/count-experiment-runs";
import { createExperiment } from "../../services/experiments/create-experiment";
import { deleteExperiment } from "../../services/experiments/delete-experiment";
import { deleteExperimentTag } from "../../services/experiments/delete-experiment-tag";
import { getExperiment } from "../../services/experiments/get-experiment";
import { restoreExperiment } from "../../services/experiments/restore-experiment";
import { searchExperiments } from "../../services/experiments/search-experiments";
import { setExperimentTag } from "../../services/experiments/set-experiment-tag";
import { updateExperiment } from "../../services/experiments/update-experiment";
import { router, verbMutation, verbQuery } from "../init";

/** The experiment list page (`/`), the breadcrumbs of pages below an experiment, and its tags and description. */
export const experimentListRouter = router({
  search: verbQuery(searchExperiments, LISTING),
  get: verbQuery(getExperiment, read(experimentIn("experimentId"))),
  runCounts: verbQuery(countExperimentRuns, read(experimentsIn("experimentIds"))),
  create: verbMutation(createExperiment, SIGNED_IN),
  rename: verbMutation(updateExperiment, edit(experimentIn("experimentId"))),
  delete: verbMutation(deleteExperiment, manage(experimentIn("experimentId"))),
  restore: verbMutation(restoreExperiment, manage(experimentIn("experimentId"))),
  setTag: verbMutation(setExperimentTag, edit(experimentIn("experimentId"))),
  deleteTag: verbMutation(deleteExperimentTag, edit(experimentIn("experimentId"))),
});
