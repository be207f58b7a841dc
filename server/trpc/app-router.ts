import { router } from "./init";
import { experimentsRouter } from "./routers/experiments";
import { runsRouter } from "./routers/runs";
import { runsTableRouter } from "./routers/runs-table";

export const appRouter = router({
  experiments: experimentsRouter,
  runs: runsRouter,
  runsTable: runsTableRouter,
});

export type AppRouter = typeof appRouter;
