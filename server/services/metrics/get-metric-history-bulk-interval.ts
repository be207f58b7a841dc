import { z } from "zod";
import { findMetricPointsAtSteps, findMetricSteps } from "../../repositories/metrics-repository";
import { findRunsByIds } from "../../repositories/runs-repository";
import { invalidParameter } from "../errors";
import { groupBy } from "../group-by";
import { int32, requiredString, stringList } from "../schemas";
import { defineVerb } from "../verb";
import { runNotFound } from "../runs/load-run";
import type { Metric } from "../runs/model";
import { toHistoryPoint } from "./get-metric-history";

export const MAX_RUNS_PER_INTERVAL_REQUEST = 100;
export const MAX_POINTS_PER_RUN = 2500;

/**
 * Metric histories of several runs, each thinned to at most max_results steps spread evenly over
 * [start_step, end_step] (first and last step always kept) — what the UI's charts ask for.
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

    const steps = groupBy(await findMetricSteps(ctx.db, { ...input, runIds, key: input.metricKey }), (s) => s.runId);
    // Each run is sampled over its own steps, so a short run beside a long one keeps its points.
    const stepsByRun = new Map(
      runIds.map((runId) => [runId, sampleEvenly((steps.get(runId) ?? []).map((s) => s.step), input.maxResults)]),
    );
    const points = groupBy(
      await findMetricPointsAtSteps(ctx.db, { key: input.metricKey, stepsByRun, maxPerRun: input.maxResults }),
      (p) => p.runUuid,
    );
    return { metrics: runIds.flatMap((runId) => (points.get(runId) ?? []).map((row) => ({ ...toHistoryPoint(row), runId }))) };
  },
);

/** At most `max` items of a sorted list, evenly spaced, always including the first and last. */
export function sampleEvenly<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  if (max === 1) return [items[items.length - 1]];
  const picked = new Set<number>();
  for (let i = 0; i < max; i++) picked.add(Math.round((i * (items.length - 1)) / (max - 1)));
  return [...picked].sort((a, b) => a - b).map((i) => items[i]);
}
