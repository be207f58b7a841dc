import { listRunArtifacts } from "../../services/artifacts/list-run-artifacts";
import { getMetricSummaries } from "../../services/metrics/get-metric-summaries";
import { deleteTag } from "../../services/runs/delete-tag";
import { getRun } from "../../services/runs/get-run";
import { setTag } from "../../services/runs/set-tag";
import { procedure, router } from "../init";
import { toJsonNumber } from "../json-numbers";

/** The run page: the run, its metric summaries, tag and note edits, and its artifact folders. */
export const runPageRouter = router({
  get: procedure.input(getRun.input).query(async ({ ctx, input }) => getRun({ ctx: await ctx.services(), input })),
  metricSummaries: procedure.input(getMetricSummaries.input).query(async ({ ctx, input }) => {
    const { summaries } = await getMetricSummaries({ ctx: await ctx.services(), input });
    return {
      summaries: summaries.map((s) => ({
        ...s,
        last: toJsonNumber(s.last),
        min: s.min === undefined ? undefined : toJsonNumber(s.min),
        max: s.max === undefined ? undefined : toJsonNumber(s.max),
      })),
    };
  }),
  setTag: procedure.input(setTag.input).mutation(async ({ ctx, input }) => setTag({ ctx: await ctx.services(), input })),
  deleteTag: procedure.input(deleteTag.input).mutation(async ({ ctx, input }) => deleteTag({ ctx: await ctx.services(), input })),
  listArtifacts: procedure
    .input(listRunArtifacts.input)
    .query(async ({ ctx, input }) => listRunArtifacts({ ctx: await ctx.services(), input })),
});
