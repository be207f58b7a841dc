import { seriesRuns } from "../../auth/resource-refs";
import { read } from "../../auth/rules";
import { getMetricBuckets } from "../../services/metrics/get-metric-buckets";
import { router, verbQuery } from "../init";
import { toJsonNumber } from "../json-numbers";

/** Chart data: metric series downsampled into min/max/last buckets by the database. */
export const chartsRouter = router({
  series: verbQuery(getMetricBuckets, read(seriesRuns), ({ series }) => ({
    series: series.map((s) => ({
      ...s,
      buckets: { ...s.buckets, min: s.buckets.min.map(toJsonNumber), max: s.buckets.max.map(toJsonNumber), last: s.buckets.last.map(toJsonNumber) },
    })),
  })),
});
