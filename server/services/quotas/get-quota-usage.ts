import { z } from "zod";
import { listExperimentQuotas, listExperimentUsage, type ExperimentQuotaRow } from "../../repositories/quota-repository";
import { defineVerb } from "../verb";
import { mergeLimits } from "./experiment-limits";
import { requireAdmin } from "./require-admin";

const SHOWN_EXPERIMENTS = 200;

/** The admin page's figures: server-wide limits, and each experiment's usage against its limits. */
export const getQuotaUsage = defineVerb(z.object({}).default({}), async ({ ctx }) => {
  requireAdmin(ctx);
  const server = ctx.config.quotas;
  const own = new Map<number, ExperimentQuotaRow>((await listExperimentQuotas(ctx.db)).map((q) => [q.experimentId, q]));
  const usage = await listExperimentUsage(ctx.db, SHOWN_EXPERIMENTS);
  return {
    server,
    experiments: usage.map((u) => ({
      ...u,
      experimentId: String(u.experimentId),
      limits: mergeLimits(server, own.get(u.experimentId) ?? null),
      own: own.get(u.experimentId) ?? null,
    })),
  };
});
