import { countIngestedPoints } from "../../observability/metrics";
import { defineVerb } from "../verb";
import { metricInput, runIdField } from "./run-input";
import { writeRunData } from "./write-run-data";

export const logMetric = defineVerb(metricInput.extend({ runId: runIdField }), async ({ ctx, input }) => {
  const { runId, ...metric } = input;
  await writeRunData(ctx, runId, { metrics: [metric] });
  countIngestedPoints(1);
  return {};
});
