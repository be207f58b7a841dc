import { runsIn } from "../../auth/resource-refs";
import { read } from "../../auth/rules";
import { compareRuns } from "../../services/runs/compare-runs";
import { summarizeRunMetrics } from "../../services/runs/summarize-run-metrics";
import { router, verbQuery } from "../init";
import { toJsonNumber } from "../json-numbers";

const orNull = (value: number | null) => (value === null ? null : toJsonNumber(value));

/** The compare view: runs across experiments, and the min/max of their metric histories. */
export const compareRouter = router({
  runs: verbQuery(compareRuns, read(runsIn("runIds")), (result) => ({
    ...result,
    runs: result.runs.map((run) => ({ ...run, data: { ...run.data, metrics: run.data.metrics.map((m) => ({ ...m, value: toJsonNumber(m.value) })) } })),
  })),
  metricRanges: verbQuery(summarizeRunMetrics, read(runsIn("runIds")), ({ summaries }) => ({ summaries: summaries.map((s) => ({ ...s, min: orNull(s.min), max: orNull(s.max) })) })),
});
