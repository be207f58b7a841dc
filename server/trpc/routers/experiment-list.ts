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
  search: verbQuery(searchExperiments),
  get: verbQuery(getExperiment),
  runCounts: verbQuery(countExperimentRuns),
  create: verbMutation(createExperiment),
  rename: verbMutation(updateExperiment),
  delete: verbMutation(deleteExperiment),
  restore: verbMutation(restoreExperiment),
  setTag: verbMutation(setExperimentTag),
  deleteTag: verbMutation(deleteExperimentTag),
});
