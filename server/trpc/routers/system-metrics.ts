import { getSystemMetricAggregates } from "../../services/metrics/get-system-metric-aggregates";
import { procedure, router } from "../init";

/** The System tab's and the compare page's summaries (their charts use charts.series). */
export const systemMetricsRouter = router({
  aggregates: procedure
    .input(getSystemMetricAggregates.input)
    .query(async ({ ctx, input }) => getSystemMetricAggregates({ ctx: await ctx.services(), input })),
});
