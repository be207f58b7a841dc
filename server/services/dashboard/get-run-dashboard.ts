import { readableExperimentsWhere } from "../../auth/readable";
import { z } from "zod";
import {
  countRuns,
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
      // The whole server's dashboard counts only the experiments the caller may read.
      readable: (column) => readableExperimentsWhere(ctx, column),
    };
    const metricKeys = await findDashboardMetricKeys(ctx.db, experiment?.experimentId, METRIC_KEY_LIMIT, scope.readable);
    const metricKey = input.metricKey ?? metricKeys.find((k) => /loss/i.test(k)) ?? metricKeys[0];
    // Independent aggregates: on PostgreSQL they run side by side on the search pool.
    const [counts, gpuHoursPerUser, metricRows] = await Promise.all([
      countRuns(ctx.db, scope),
      sumGpuHoursPerUser(ctx.db, scope, DASHBOARD_TOP_N),
      metricKey === undefined ? undefined : summarizeMetricPerDay(ctx.db, scope, metricKey),
    ]);
    let metric: DashboardMetric | undefined;
    if (metricKey !== undefined && metricRows) {
      const goal = input.metricGoal ?? guessMetricGoal(metricKey);
      metric = { key: metricKey, goal, perDay: metricRows.map((r) => ({ day: r.day, runs: r.runs, best: goal === "min" ? r.min : r.max, last: r.last })) };
    }
    const { perDay: runsPerDay, perStatus: statusMix } = counts;
    const runsPerUser = counts.perUser.slice(0, DASHBOARD_TOP_N);
    const runsPerExperiment = counts.perExperiment.slice(0, DASHBOARD_TOP_N);
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
