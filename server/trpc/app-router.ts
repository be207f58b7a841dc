import { router } from "./init";
import { experimentListRouter } from "./routers/experiment-list";
import { experimentsRouter } from "./routers/experiments";
import { runPageRouter } from "./routers/run-page";
import { runsRouter } from "./routers/runs";

export const appRouter = router({
  experiments: experimentsRouter,
  runs: runsRouter,
  experimentList: experimentListRouter,
  runPage: runPageRouter,
});

export type AppRouter = typeof appRouter;
