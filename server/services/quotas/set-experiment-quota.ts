import { z } from "zod";
import { saveExperimentQuota } from "../../repositories/quota-repository";
import { requireExperimentRow } from "../experiments/load-experiment";
import { defineVerb } from "../verb";
import { requireAdmin } from "./require-admin";

const limit = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).nullable();

/** An admin sets one experiment's limits; null falls back to the server-wide setting. */
export const setExperimentQuota = defineVerb(
  z.object({
    experimentId: z.string().min(1),
    maxRuns: limit,
    maxParamsPerRun: limit,
    maxTagsPerRun: limit,
    maxMetricStepsPerRun: limit,
    maxArtifactBytes: limit,
  }),
  async ({ ctx, input }) => {
    requireAdmin(ctx);
    const { experimentId, ...limits } = input;
    const experiment = await requireExperimentRow(ctx.db, experimentId);
    await saveExperimentQuota(ctx.db, { experimentId: experiment.experimentId, ...limits });
    return {};
  },
);
