import { router } from "./init";
import { accountRouter } from "./routers/account";
import { adminRouter } from "./routers/admin";
import { auditRouter } from "./routers/audit";
import { chartsRouter } from "./routers/charts";
import { checkpointsRouter } from "./routers/checkpoints";
import { compareRouter } from "./routers/compare";
import { experimentListRouter } from "./routers/experiment-list";
import { runPageRouter } from "./routers/run-page";
import { loggedModelsRouter } from "./routers/logged-models";
import { runsRouter } from "./routers/runs";
import { runsTableRouter } from "./routers/runs-table";
import { registryRouter } from "./routers/registry";
import { dashboardRouter } from "./routers/dashboard";
import { systemMetricsRouter } from "./routers/system-metrics";
import { sharesRouter } from "./routers/shares";
import { quotasRouter } from "./routers/quotas";

export const appRouter = router({
  charts: chartsRouter,
  loggedModels: loggedModelsRouter,
  runs: runsRouter,
  experimentList: experimentListRouter,
  runPage: runPageRouter,
  runsTable: runsTableRouter,
  compare: compareRouter,
  checkpoints: checkpointsRouter,
  registry: registryRouter,
  dashboard: dashboardRouter,
  systemMetrics: systemMetricsRouter,
  account: accountRouter,
  admin: adminRouter,
  shares: sharesRouter,
  quotas: quotasRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;
