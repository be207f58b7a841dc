import { runsIn } from "../../auth/resource-refs";
import { read } from "../../auth/rules";
import { getSystemMetricAggregates } from "../../services/metrics/get-system-metric-aggregates";
import { router, verbQuery } from "../init";

/** The System tab's and the compare page's summaries (their charts use charts.series). */
export const systemMetricsRouter = router({
  aggregates: verbQuery(getSystemMetricAggregates, read(runsIn("runIds"))),
});
