import { z } from "zod";
import { countIngestedPoints } from "../../observability/metrics";
import { invalidParameter } from "../errors";
import { LIMITS } from "../validation";
import { defineVerb } from "../verb";
import { metricInputs, paramInput, runIdField, tagInput } from "./run-input";
import { writeRunData } from "./write-run-data";

export const logBatch = defineVerb(
  z.object({
    runId: runIdField,
    metrics: metricInputs.default([]),
    params: z.array(paramInput).default([]),
    tags: z.array(tagInput).default([]),
  }),
  async ({ ctx, input }) => {
    enforceBatchLimits(input);
    await writeRunData(ctx, input.runId, input);
    countIngestedPoints(input.metrics.length);
    return {};
  },
);

function enforceBatchLimits(batch: { metrics: unknown[]; params: unknown[]; tags: unknown[] }): void {
  const { metrics, params, tags, entities } = LIMITS.batch;
  const counts = [
    ["metrics", batch.metrics.length, metrics],
    ["params", batch.params.length, params],
    ["tags", batch.tags.length, tags],
  ] as const;
  for (const [name, count, limit] of counts) {
    if (count > limit) {
      throw invalidParameter(
        `A batch logging request can contain at most ${limit} ${name}. Got ${count} ${name}. ` +
          `Please split up ${name} across multiple requests and try again.`,
      );
    }
  }
  const total = batch.metrics.length + batch.params.length + batch.tags.length;
  if (total > entities) {
    throw invalidParameter(
      `A batch logging request can contain at most ${entities} metrics, params, and tags in total. ` +
        `Got ${total} entities. Please split up the entities across multiple requests and try again.`,
    );
  }
}
