import { router } from "./init";
import { experimentsRouter } from "./routers/experiments";
import { runsRouter } from "./routers/runs";

export const appRouter = router({
  experiments: experimentsRouter,
  runs: runsRouter,
});

export type AppRouter = typeof appRouter;
