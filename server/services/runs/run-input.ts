import { z } from "zod";
import { double, int64, keyValue, nonNegativeInt64, requiredString } from "../schemas";
import { LIMITS } from "../validation";

/** run_id is required (REST also accepts MLflow's deprecated run_uuid, mapped before parsing). */
export const runIdField = requiredString;

export const metricInput = z.object({
  key: requiredString,
  value: double,
  timestamp: nonNegativeInt64,
  step: int64.default(0),
  // The lengths of their columns: longer values are bad input, not a database failure.
  modelId: z.string().max(LIMITS.modelIdLength).optional(),
  datasetName: z.string().max(LIMITS.datasetNameLength).optional(),
  datasetDigest: z.string().max(LIMITS.datasetDigestLength).optional(),
});
export type MetricInput = z.output<typeof metricInput>;

export const paramInput = keyValue;
export const tagInput = keyValue;
