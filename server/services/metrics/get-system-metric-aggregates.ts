import { z } from "zod";
import { findSeriesAggregates, type SeriesAggregateRow } from "../../repositories/system-metric-aggregates-repository";
import { requiredString } from "../schemas";
import { defineVerb } from "../verb";

export const MAX_RUNS_PER_SYSTEM_SUMMARY = 100;

/**
 * The system series a summary needs, by the collector's (MLflow's) names: CPU utilization, and each
 * GPU's utilization and power draw, on one machine (system/…) or per node (system/<node>/…).
 */
export const SUMMARY_KEY_PATTERN = "^system/([^/]+/)?(cpu_utilization_percentage|gpu_[0-9]+_(utilization_percentage|power_usage_watts))$";

/**
 * Per-series count, mean, max and time span of the runs' CPU and GPU utilization and GPU power,
 * aggregated by the database (a week of 10 s samples on 8 GPUs is ~1M points: never sent whole).
 */
export const getSystemMetricAggregates = defineVerb(
  z.object({
    runIds: z
      .array(requiredString)
      .min(1, "at least one run is required")
      .max(MAX_RUNS_PER_SYSTEM_SUMMARY, `at most ${MAX_RUNS_PER_SYSTEM_SUMMARY} runs per request`),
  }),
  async ({ ctx, input }): Promise<{ series: SeriesAggregateRow[] }> => {
    return { series: await findSeriesAggregates(ctx.db, [...new Set(input.runIds)], SUMMARY_KEY_PATTERN) };
  },
);
