import { z } from "zod";
import { findMetricBuckets, type PointRef } from "../../repositories/metric-buckets-repository";
import { findRunsByIds } from "../../repositories/runs-repository";
import { invalidParameter } from "../errors";
import { int32, requiredString, stringList } from "../schemas";
import { defineVerb } from "../verb";
import { runNotFound } from "../runs/load-run";
import type { Metric } from "../runs/types";

export const MAX_RUNS_PER_INTERVAL_REQUEST = 100;
export const MAX_POINTS_PER_RUN = 2500;

/**
 * Metric histories of several runs for charts, each at most max_results real logged points over
 * [start_step, end_step]: every point when that few, else the first and last point and the lowest
 * and highest point of each of max_results/2 − 1 step buckets (so no spike is sampled away).
 */
export const getMetricHistoryBulkInterval = defineVerb(
  z.object({
    runIds: stringList,
    metricKey: requiredString,
    startStep: int32.optional(),
    endStep: int32.optional(),
    maxResults: int32.default(MAX_POINTS_PER_RUN),
  }),
  async ({ ctx, input }): Promise<{ metrics: (Metric & { runId: string })[] }> => {
    const runIds = [...new Set(input.runIds)];
    if (runIds.length === 0) throw invalidParameter("GetMetricHistoryBulkInterval request must specify at least one run_id.");
    if (runIds.length > MAX_RUNS_PER_INTERVAL_REQUEST) {
      throw invalidParameter(
        `GetMetricHistoryBulkInterval request cannot specify more than ${MAX_RUNS_PER_INTERVAL_REQUEST} run_ids. Received ${runIds.length} run_ids.`,
      );
    }
    if (input.maxResults < 1 || input.maxResults > MAX_POINTS_PER_RUN) {
      throw invalidParameter(`max_results must be between 1 and ${MAX_POINTS_PER_RUN}. Received ${input.maxResults}.`);
    }
    if ((input.startStep === undefined) !== (input.endStep === undefined)) {
      throw invalidParameter("If either start_step or end_step is specified, both must be specified.");
    }
    if (input.startStep !== undefined && input.endStep! < input.startStep) {
      throw invalidParameter(`end_step (${input.endStep}) must be greater than or equal to start_step (${input.startStep}).`);
    }
    const found = new Set((await findRunsByIds(ctx.db, runIds)).map((r) => r.runUuid));
    const missing = runIds.find((id) => !found.has(id));
    if (missing) throw runNotFound(missing);

    // Each run is bucketed over its own steps, so a short run beside a long one keeps its points.
    const rows = await findMetricBuckets(ctx.db, {
      series: runIds.map((runId) => ({ runId, key: input.metricKey })),
      x: "step",
      window: { min: input.startStep, max: input.endStep },
      buckets: Math.max(1, Math.floor(input.maxResults / 2) - 1),
      exactUpTo: input.maxResults,
    });
    const pointsByRun = runIds.map(() => [] as PointRef[]);
    const bucketsByRun = runIds.map(() => [] as typeof rows);
    for (const row of rows) bucketsByRun[row.series].push(row);
    bucketsByRun.forEach((buckets, i) => (pointsByRun[i] = pickPoints(buckets, input.maxResults)));
    return {
      metrics: runIds.flatMap((runId, i) =>
        pointsByRun[i].map((p) => ({ key: input.metricKey, value: p.value, timestamp: p.timestamp, step: p.step, runId })),
      ),
    };
  },
);

/** The points to return for one run's buckets: at most `max`, in (step, timestamp, value) order. */
export function pickPoints(buckets: { total: number; first: PointRef; last: PointRef; min: PointRef | null; max: PointRef | null }[], max: number): PointRef[] {
  if (buckets.length === 0) return [];
  if (buckets[0].total <= max) return buckets.map((b) => b.first);
  const first = buckets[0].first;
  const last = buckets[buckets.length - 1].last;
  if (max === 1) return [last];
  if (max < 4) return [first, last];
  // An all-NaN bucket has no min or max: its first point keeps the gap visible.
  const picked = [first, last, ...buckets.flatMap((b) => [b.min ?? b.first, b.max ?? b.first])];
  const unique = new Map(picked.map((p) => [`${p.step}|${p.timestamp}|${p.value}`, p]));
  return [...unique.values()].sort(comparePoints);
}

/** Step, then timestamp, then value, NaN above every number (the database's order). */
function comparePoints(a: PointRef, b: PointRef): number {
  if (a.step !== b.step) return a.step - b.step;
  if (a.timestamp !== b.timestamp) return a.timestamp - b.timestamp;
  if (Number.isNaN(a.value) || Number.isNaN(b.value)) return Number(Number.isNaN(a.value)) - Number(Number.isNaN(b.value));
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}
