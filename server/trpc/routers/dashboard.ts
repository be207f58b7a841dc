import { experimentIn } from "../../auth/resource-refs";
import { LISTING, allOf, read } from "../../auth/rules";
import { getRunDashboard } from "../../services/dashboard/get-run-dashboard";
import { router, verbQuery } from "../init";

// The portal dashboard (one experiment or the whole server), from SQL aggregates.
export const dashboardRouter = router({
  get: verbQuery(getRunDashboard, allOf(LISTING, read(experimentIn("experimentId")))),
});
