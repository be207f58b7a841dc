import { compareCheckpoints } from "../../services/logged-models/compare-checkpoints";
import { registerLoggedModel } from "../../services/logged-models/register-logged-model";
import { procedure, router } from "../init";
import { toJsonNumber } from "../json-numbers";

/** Checkpoint comparison: the runs' logged models with their latest metrics, and registering one. */
export const checkpointsRouter = router({
  compare: procedure.input(compareCheckpoints.input).query(async ({ ctx, input }) => {
    const result = await compareCheckpoints({ ctx: await ctx.services(), input });
    return {
      ...result,
      checkpoints: result.checkpoints.map((c) => ({ ...c, metrics: c.metrics.map((m) => ({ ...m, value: toJsonNumber(m.value) })) })),
    };
  }),
  register: procedure.input(registerLoggedModel.input).mutation(async ({ ctx, input }) => registerLoggedModel({ ctx: await ctx.services(), input })),
});
