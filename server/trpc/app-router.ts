import { router } from "./init";
import { chartsRouter } from "./routers/charts";
import { compareRouter } from "./routers/compare";
import { experimentListRouter } from "./routers/experiment-list";
import { runPageRouter } from "./routers/run-page";
import { loggedModelsRouter } from "./routers/logged-models";
import { runsRouter } from "./routers/runs";
import { runsTableRouter } from "./routers/runs-table";

export const appRouter = router({
  charts: chartsRouter,
  loggedModels: loggedModelsRouter,
  runs: runsRouter,
  experimentList: experimentListRouter,
  runPage: runPageRouter,
  runsTable: runsTableRouter,
  compare: compareRouter,
});

export type AppRouter = typeof appRouter;
