import { getQuotaUsage } from "../../services/quotas/get-quota-usage";
import { setExperimentQuota } from "../../services/quotas/set-experiment-quota";
import { procedure, router } from "../init";

// The /admin/quotas page: usage against each quota, and an experiment's own limits (admins only).
export const quotasRouter = router({
  usage: procedure
    .meta({ access: { kind: "admin" } })
    .input(getQuotaUsage.input)
    .query(async ({ ctx, input }) => getQuotaUsage({ ctx: await ctx.services(), input })),
  setExperiment: procedure
    .meta({ access: { kind: "admin" } })
    .input(setExperimentQuota.input)
    .mutation(async ({ ctx, input }) => setExperimentQuota({ ctx: await ctx.services(), input })),
});
