import { z } from "zod";
import { findExperimentById } from "../../repositories/experiments-repository";
import { findModelLinks } from "../../repositories/inputs-repository";
import { findLoggedModelData, findLoggedModelsOfRuns } from "../../repositories/logged-models-repository";
import { findRunsByIds } from "../../repositories/runs-repository";
import { groupBy } from "../group-by";
import { runIdField } from "../runs/run-input";
import type { LoggedModelStatus } from "../schemas";
import { defineVerb } from "../verb";
import { statusOfCode } from "./types";

/** Runs compared at once; their checkpoints are read whole (every model, its latest metric values). */
export const MAX_CHECKPOINT_RUNS = 100;

/** A checkpoint's latest value of one metric on one dataset (none: logged without a dataset). */
export interface CheckpointMetric {
  key: string;
  value: number;
  step: number;
  datasetName?: string;
  datasetDigest?: string;
}

export interface Checkpoint {
  modelId: string;
  name: string;
  runId: string;
  experimentId: string;
  /** The step the run recorded it at (log_model(step=…)), else its metrics' last step. */
  step: number | null;
  creationTimestampMs: number;
  status: LoggedModelStatus;
  metrics: CheckpointMetric[];
}

/**
 * The checkpoints (logged models) of some runs from any experiments, ordered by run as asked, then
 * step: what the checkpoint comparison charts and tabulates. Unknown run ids are listed apart.
 */
export const compareCheckpoints = defineVerb(
  z.object({ runIds: z.array(runIdField).min(1).max(MAX_CHECKPOINT_RUNS) }),
  async ({ ctx, input }) => {
    const ids = [...new Set(input.runIds)];
    const runRows = await findRunsByIds(ctx.db, ids);
    const byId = new Map(runRows.map((r) => [r.runUuid, r]));
    const runs = ids.flatMap((id) => byId.get(id) ?? []);
    const experimentIds = [...new Set(runs.map((r) => r.experimentId))];
    const links = (await findModelLinks(ctx.db, runs.map((r) => r.runUuid))).filter((l) => l.kind === "output");
    const [models, experiments] = await Promise.all([
      findLoggedModelsOfRuns(ctx.db, { experimentIds, runIds: runs.map((r) => r.runUuid), outputModelIds: links.map((l) => l.modelId) }),
      Promise.all(experimentIds.map((id) => findExperimentById(ctx.db, id))),
    ]);
    const { metrics } = await findLoggedModelData(ctx.db, models.map((m) => m.modelId));
    const metricsByModel = groupBy(metrics, (m) => m.modelId);
    const outputStep = new Map(links.map((l) => [l.modelId, { runId: l.runId, step: l.step }]));
    const runOrder = new Map(runs.map((r, i) => [r.runUuid, i]));

    const checkpoints = models.flatMap((model): Checkpoint[] => {
      const output = outputStep.get(model.modelId);
      const runId = model.sourceRunId && runOrder.has(model.sourceRunId) ? model.sourceRunId : output?.runId;
      if (!runId) return [];
      const points = metricsByModel.get(model.modelId) ?? [];
      return [
        {
          modelId: model.modelId,
          name: model.name,
          runId,
          experimentId: String(model.experimentId),
          step: output?.step ?? (points.length > 0 ? Math.max(...points.map((p) => p.metricStep)) : null),
          creationTimestampMs: model.creationTimestampMs,
          status: statusOfCode(model.status),
          metrics: latestPerKeyAndDataset(points),
        },
      ];
    });
    checkpoints.sort(
      (a, b) => runOrder.get(a.runId)! - runOrder.get(b.runId)! || (a.step ?? Infinity) - (b.step ?? Infinity) || a.creationTimestampMs - b.creationTimestampMs,
    );
    return {
      runs: runs.map((r) => ({ runId: r.runUuid, runName: r.name ?? "", experimentId: String(r.experimentId) })),
      experiments: experiments.flatMap((e) => (e ? [{ experimentId: String(e.experimentId), name: e.name }] : [])),
      checkpoints,
      missingRunIds: ids.filter((id) => !byId.has(id)),
    };
  },
);

type MetricRow = Awaited<ReturnType<typeof findLoggedModelData>>["metrics"][number];

/** Rows arrive ordered by key, step, timestamp: the last row of each (key, dataset) is its latest. */
function latestPerKeyAndDataset(points: MetricRow[]): CheckpointMetric[] {
  const latest = new Map<string, CheckpointMetric>();
  for (const p of points) {
    const metric = { key: p.metricName, value: p.metricValue ?? Number.NaN, step: p.metricStep, datasetName: p.datasetName ?? undefined, datasetDigest: p.datasetDigest ?? undefined };
    latest.set(JSON.stringify([p.metricName, p.datasetName, p.datasetDigest]), metric);
  }
  return [...latest.values()];
}
