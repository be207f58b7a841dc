import { z } from "zod";
import { findMetricBucketValues, type BucketColumns } from "../../repositories/metric-buckets-repository";
import { requiredString } from "../schemas";
import { defineVerb } from "../verb";

export const MAX_SERIES_PER_CHART_REQUEST = 200;
export const MAX_BUCKETS_PER_SERIES = 2000;

/**
 * A series' buckets as the API returns them: one array per field, entry i for bucket i in x order (a chart
 * request's JSON is half as long as with one object per bucket). NaN points are left out of min and max
 * unless the bucket holds nothing else (then NaN).
 */
export type MetricBucketColumns = BucketColumns;

export interface MetricSeries {
  runId: string;
  key: string;
  /** Points of the series inside the window. */
  total: number;
  /** total <= buckets: every point is returned, one bucket (count 1) per point. */
  exact: boolean;
  buckets: MetricBucketColumns;
}

const finiteNumber = z.number().refine(Number.isFinite, "must be a finite number");

/**
 * Chart data: each (run, metric key) series cut into at most `buckets` equal-width x buckets over
 * the window (or over the series' own x range where the window is open), each with its extremes,
 * so a zoom re-fetch gets finer buckets and a spike is never averaged or sampled away.
 */
export const getMetricBuckets = defineVerb(
  z.object({
    series: z
      .array(z.object({ runId: requiredString, key: requiredString }))
      .min(1, "at least one series is required")
      .max(MAX_SERIES_PER_CHART_REQUEST, `at most ${MAX_SERIES_PER_CHART_REQUEST} series per request`),
    x: z.enum(["step", "time", "relative"]),
    window: z.object({ min: finiteNumber.optional(), max: finiteNumber.optional() }).optional(),
    buckets: z
      .number()
      .int("must be an integer")
      .min(1, "must be at least 1")
      .max(MAX_BUCKETS_PER_SERIES, `must be at most ${MAX_BUCKETS_PER_SERIES}`),
  }),
  async ({ ctx, input }): Promise<{ series: MetricSeries[] }> => {
    const found = await findMetricBucketValues(ctx.db, {
      series: input.series,
      x: input.x,
      window: input.window ?? {},
      buckets: input.buckets,
    });
    const bySeries = new Map(found.map((s) => [s.series, s]));
    return {
      series: input.series.map(({ runId, key }, index) => {
        const { total = 0, buckets = noBuckets() } = bySeries.get(index) ?? {};
        return { runId, key, total, exact: total <= input.buckets, buckets };
      }),
    };
  },
);

const noBuckets = (): MetricBucketColumns => ({ xFirst: [], xLast: [], stepFirst: [], stepLast: [], min: [], max: [], last: [], count: [] });
