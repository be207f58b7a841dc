import { getRunDashboard } from "../../services/dashboard/get-run-dashboard";
import { procedure, router } from "../init";

// The portal dashboard (one experiment or the whole server), from SQL aggregates.
export const dashboardRouter = router({
  get: procedure.input(getRunDashboard.input).query(async ({ ctx, input }) => getRunDashboard({ ctx: await ctx.services(), input })),
});
