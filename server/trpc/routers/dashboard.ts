import { getRunDashboard } from "../../services/dashboard/get-run-dashboard";
import { router, verbQuery } from "../init";

// The portal dashboard (one experiment or the whole server), from SQL aggregates.
export const dashboardRouter = router({
  get: verbQuery(getRunDashboard),
});
