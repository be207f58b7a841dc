import { compareRuns } from "../../services/runs/compare-runs";
import { summarizeRunMetrics } from "../../services/runs/summarize-run-metrics";
import { procedure, router } from "../init";
import { toJsonNumber } from "../json-numbers";

const orNull = (value: number | null) => (value === null ? null : toJsonNumber(value));

/** The compare view: runs across experiments, and the min/max of their metric histories. */
export const compareRouter = router({
  runs: procedure.input(compareRuns.input).query(async ({ ctx, input }) => {
    const result = await compareRuns({ ctx: await ctx.services(), input });
    return {
      ...result,
      runs: result.runs.map((run) => ({ ...run, data: { ...run.data, metrics: run.data.metrics.map((m) => ({ ...m, value: toJsonNumber(m.value) })) } })),
    };
  }),
  metricRanges: procedure.input(summarizeRunMetrics.input).query(async ({ ctx, input }) => {
    const { summaries } = await summarizeRunMetrics({ ctx: await ctx.services(), input });
    return { summaries: summaries.map((s) => ({ ...s, min: orNull(s.min), max: orNull(s.max) })) };
  }),
});
