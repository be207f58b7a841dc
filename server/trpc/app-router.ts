import { router } from "./init";
import { experimentsRouter } from "./routers/experiments";
import { loggedModelsRouter } from "./routers/logged-models";
import { runsRouter } from "./routers/runs";

export const appRouter = router({
  experiments: experimentsRouter,
  loggedModels: loggedModelsRouter,
  runs: runsRouter,
});

export type AppRouter = typeof appRouter;
