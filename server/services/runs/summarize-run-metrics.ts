import { z } from "zod";
import { findMetricRanges } from "../../repositories/run-keys-repository";
import { invalidParameter } from "../errors";
import { defineVerb } from "../verb";

/** One table page at most: min/max read each run's full history of each key. */
export const MAX_SUMMARY_RUNS = 1000;
export const MAX_SUMMARY_KEYS = 100;

/**
 * Min and max over the whole history of each of `keys` for each of `runIds` (NaN points skipped;
 * null when a run logged only NaN): the runs table's min/max metric columns, for the rows it has
 * loaded. A run without the key has no entry.
 */
export const summarizeRunMetrics = defineVerb(
  z.object({ runIds: z.array(z.string()), keys: z.array(z.string()) }),
  async ({ ctx, input }) => {
    if (input.runIds.length === 0 || input.keys.length === 0) return { summaries: [] };
    if (input.runIds.length > MAX_SUMMARY_RUNS || input.keys.length > MAX_SUMMARY_KEYS) {
      throw invalidParameter(`At most ${MAX_SUMMARY_RUNS} runs and ${MAX_SUMMARY_KEYS} metric keys can be summarized per request.`);
    }
    return { summaries: await findMetricRanges(ctx.db, input.runIds, input.keys) };
  },
);
