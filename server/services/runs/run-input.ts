import { z } from "zod";
import { double, int64, keyValue, nonNegativeInt64, requiredString } from "../schemas";

/** run_id is required (REST also accepts MLflow's deprecated run_uuid, mapped before parsing). */
export const runIdField = requiredString;

export const metricInput = z.object({
  key: requiredString,
  value: double,
  timestamp: nonNegativeInt64,
  step: int64.default(0),
  modelId: z.string().optional(),
  datasetName: z.string().optional(),
  datasetDigest: z.string().optional(),
});
export type MetricInput = z.output<typeof metricInput>;

export const paramInput = keyValue;
export const tagInput = keyValue;
