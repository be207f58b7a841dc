import { experimentsIn } from "../../auth/resource-refs";
import { read } from "../../auth/rules";
import { searchRuns } from "../../services/runs/search-runs";
import { router, verbQuery } from "../init";

export const runsRouter = router({
  search: verbQuery(searchRuns, read(experimentsIn("experimentIds"))),
});
