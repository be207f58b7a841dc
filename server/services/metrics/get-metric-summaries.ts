import { z } from "zod";
import { findMetricSummaries } from "../../repositories/metric-summary-repository";
import { requireRunRow } from "../runs/load-run";
import { runIdField } from "../runs/run-input";
import { defineVerb } from "../verb";

export interface MetricSummary {
  key: string;
  /** The latest value (NaN when the latest point is NaN) and the step and time it was logged at. */
  last: number;
  lastStep: number;
  lastTimestamp: number;
  /** Over every logged point except NaN ones; absent when all points are NaN. */
  min?: number;
  max?: number;
  /** Number of points in the history. */
  points: number;
}

/** The run page's metrics table: each metric's last value with its step, and its min and max. */
export const getMetricSummaries = defineVerb(
  z.object({ runId: runIdField }),
  async ({ ctx, input }): Promise<{ summaries: MetricSummary[] }> => {
    await requireRunRow(ctx.db, input.runId);
    const rows = await findMetricSummaries(ctx.db, input.runId);
    return {
      summaries: rows.map((r) => ({
        key: r.key,
        last: r.isNan ? Number.NaN : r.value,
        lastStep: r.step,
        lastTimestamp: r.timestamp,
        min: r.min ?? undefined,
        max: r.max ?? undefined,
        points: r.points,
      })),
    };
  },
);
