import { runIn } from "../../auth/resource-refs";
import { edit, read } from "../../auth/rules";
import { listRunArtifacts } from "../../services/artifacts/list-run-artifacts";
import { getMetricSummaries } from "../../services/metrics/get-metric-summaries";
import { deleteTag } from "../../services/runs/delete-tag";
import { getRun } from "../../services/runs/get-run";
import { setTag } from "../../services/runs/set-tag";
import { router, verbMutation, verbQuery } from "../init";
import { toJsonNumber } from "../json-numbers";

/** The run page: the run, its metric summaries, tag and note edits, and its artifact folders. */
export const runPageRouter = router({
  get: verbQuery(getRun, read(runIn("runId"))),
  metricSummaries: verbQuery(getMetricSummaries, read(runIn("runId")), ({ summaries }) => ({
    summaries: summaries.map((s) => ({
      ...s,
      last: toJsonNumber(s.last),
      min: s.min === undefined ? undefined : toJsonNumber(s.min),
      max: s.max === undefined ? undefined : toJsonNumber(s.max),
    })),
  })),
  setTag: verbMutation(setTag, edit(runIn("runId"))),
  deleteTag: verbMutation(deleteTag, edit(runIn("runId"))),
  listArtifacts: verbQuery(listRunArtifacts, read(runIn("runId"))),
});
