import { loggedModelIn, modelIn, runsIn } from "../../auth/resource-refs";
import { SIGNED_IN, allOf, edit, read } from "../../auth/rules";
import { compareCheckpoints } from "../../services/logged-models/compare-checkpoints";
import { registerLoggedModel } from "../../services/logged-models/register-logged-model";
import { router, verbMutation, verbQuery } from "../init";
import { toJsonNumber } from "../json-numbers";

/** Checkpoint comparison: the runs' logged models with their latest metrics, and registering one. */
export const checkpointsRouter = router({
  compare: verbQuery(compareCheckpoints, read(runsIn("runIds")), (result) => ({
    ...result,
    checkpoints: result.checkpoints.map((c) => ({ ...c, metrics: c.metrics.map((m) => ({ ...m, value: toJsonNumber(m.value) })) })),
  })),
  register: verbMutation(registerLoggedModel, allOf(read(loggedModelIn("modelId")), edit(modelIn("name")), SIGNED_IN)),
});
