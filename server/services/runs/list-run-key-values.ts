import { z } from "zod";
import { findDistinctValues } from "../../repositories/run-keys-repository";
import { experimentIdList, requiredString } from "../schemas";
import { parseExperimentId } from "../validation";
import { defineVerb } from "../verb";

/**
 * Known values of one param or tag key that start with `prefix`, in value order (each cut to its
 * first 200 characters): the filter box's value autocomplete (Metron, not MLflow).
 */
export const listRunKeyValues = defineVerb(
  z.object({
    experimentIds: experimentIdList,
    kind: z.enum(["params", "tags"]),
    key: requiredString,
    prefix: z.string().default(""),
    maxResults: z.number().int().min(1).max(200).default(20),
  }),
  async ({ ctx, input }): Promise<{ values: string[] }> => {
    const ids = input.experimentIds.flatMap((id) => parseExperimentId(id) ?? []);
    if (ids.length === 0) return { values: [] };
    const values = await findDistinctValues(ctx.db, input.kind, {
      experimentIds: ids,
      key: input.key,
      prefix: input.prefix,
      limit: input.maxResults,
    });
    return { values };
  },
);
