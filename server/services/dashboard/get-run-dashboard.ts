import { z } from "zod";
import {
  countRunsPerDay,
  countRunsPerExperiment,
  countRunsPerStatus,
  countRunsPerUser,
  DAY_MS,
  findDashboardMetricKeys,
  sumGpuHoursPerUser,
  summarizeMetricPerDay,
  type DashboardScope,
} from "../../repositories/dashboard-repository";
import { requireExperimentRow } from "../experiments/load-experiment";
import { experimentIdField, RUN_STATUSES } from "../schemas";
import { runSearch } from "../run-search";
import { defineVerb } from "../verb";
import { guessMetricGoal, type MetricGoal } from "./metric-goal";

export const DASHBOARD_TOP_N = 20;
const METRIC_KEY_LIMIT = 500;

export interface DashboardMetric {
  key: string;
  goal: MetricGoal;
  /** Per UTC day: the best latest value among the runs started that day, and the last one's. */
  perDay: { day: number; runs: number; best: number; last: number }[];
}

export interface RunDashboard {
  experiment?: { experimentId: string; name: string };
  /** First UTC day counted (undefined: all time). */
  fromDay?: number;
  totalRuns: number;
  runsPerDay: { day: number; runs: number }[];
  runsPerUser: { user: string; runs: number }[];
  statusMix: { status: string; runs: number }[];
  runsPerExperiment: { experimentId: string; name: string; runs: number }[];
  gpuHoursPerUser: { user: string; gpuHours: number; runs: number; gpus: number }[];
  metricKeys: string[];
  metric?: DashboardMetric;
}

/**
 * The portal dashboard: how many runs, by whom, how they ended, what GPU time they used and how a
 * chosen metric moved, for one experiment or the whole server, each answered by one SQL aggregate.
 */
export const getRunDashboard = defineVerb(
  z.object({
    experimentId: experimentIdField.optional(),
    /** Runs started in the last `days` days (0: all time). */
    days: z.number().int().min(0).max(3650).default(30),
    user: z.string().max(256).optional(),
    status: z.enum(RUN_STATUSES).optional(),
    day: z.number().int().min(0).max(10_000_000).optional(),
    metricKey: z.string().min(1).max(250).optional(),
    metricGoal: z.enum(["min", "max"]).optional(),
  }),
  async ({ ctx, input }): Promise<RunDashboard> => runSearch(ctx, async (ctx) => {
    const experiment = input.experimentId === undefined ? undefined : await requireExperimentRow(ctx.db, input.experimentId);
    const fromDay = input.days > 0 ? Math.floor(ctx.now() / DAY_MS) - input.days + 1 : undefined;
    const scope: DashboardScope = {
      experimentId: experiment?.experimentId,
      startedFrom: fromDay === undefined ? undefined : fromDay * DAY_MS,
      userId: input.user,
      status: input.status,
      day: input.day,
    };
    const [runsPerDay, runsPerUser, statusMix, runsPerExperiment, gpuHoursPerUser, metricKeys] = await Promise.all([
      countRunsPerDay(ctx.db, scope),
      countRunsPerUser(ctx.db, scope, DASHBOARD_TOP_N),
      countRunsPerStatus(ctx.db, scope),
      countRunsPerExperiment(ctx.db, scope, DASHBOARD_TOP_N),
      sumGpuHoursPerUser(ctx.db, scope, DASHBOARD_TOP_N),
      findDashboardMetricKeys(ctx.db, experiment?.experimentId, METRIC_KEY_LIMIT),
    ]);
    const metricKey = input.metricKey ?? metricKeys.find((k) => /loss/i.test(k)) ?? metricKeys[0];
    let metric: DashboardMetric | undefined;
    if (metricKey !== undefined) {
      const goal = input.metricGoal ?? guessMetricGoal(metricKey);
      const rows = await summarizeMetricPerDay(ctx.db, scope, metricKey);
      metric = { key: metricKey, goal, perDay: rows.map((r) => ({ day: r.day, runs: r.runs, best: goal === "min" ? r.min : r.max, last: r.last })) };
    }
    return {
      experiment: experiment && { experimentId: String(experiment.experimentId), name: experiment.name },
      fromDay,
      totalRuns: statusMix.reduce((sum, s) => sum + s.runs, 0),
      runsPerDay,
      runsPerUser,
      statusMix,
      runsPerExperiment: runsPerExperiment.map((e) => ({ ...e, experimentId: String(e.experimentId) })),
      gpuHoursPerUser,
      metricKeys,
      metric,
    };
  }),
);
