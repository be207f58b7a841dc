import { z } from "zod";
import { searchLoggedModelPage } from "../../repositories/logged-models-repository";
import { compileLoggedModelSearch } from "../../search/compile-logged-model-search";
import { decodeOffsetToken, encodeOffsetToken } from "../../search/page-token";
import { invalidParameter } from "../errors";
import { bool, experimentIdList, int32, requiredString } from "../schemas";
import { parseExperimentId } from "../validation";
import { runSearch } from "../run-search";
import { defineVerb } from "../verb";
import { assembleLoggedModels } from "./load-logged-model";
import type { LoggedModel } from "./types";

const DEFAULT_MAX_RESULTS = 50;
const MAX_RESULTS_LIMIT = 50000;
const API_DOCS_HINT = "See the API docs for more information about request parameters.";

/**
 * POST mlflow/logged-models/search: models of the given experiments, filtered by metrics, params,
 * tags and attributes, optionally only those measured on some datasets, in a structured order
 * (a metric's latest value, per dataset if asked). Paged by offset, as MLflow pages them.
 */
export const searchLoggedModels = defineVerb(
  z.object({
    experimentIds: experimentIdList.default([]),
    filter: z.string().optional(),
    datasets: z.array(z.object({ datasetName: z.string().optional(), datasetDigest: z.string().optional() })).default([]),
    maxResults: int32.optional(),
    orderBy: z
      .array(
        z.object({
          fieldName: requiredString,
          ascending: bool.default(true),
          datasetName: z.string().optional(),
          datasetDigest: z.string().optional(),
        }),
      )
      .default([]),
    pageToken: z.string().optional(),
  }),
  async ({ ctx, input }): Promise<{ models: LoggedModel[]; nextPageToken?: string }> => runSearch(ctx, async (ctx) => {
    if (input.experimentIds.length === 0) {
      throw invalidParameter(`Missing value for required parameter 'experiment_ids'. ${API_DOCS_HINT}`);
    }
    const maxResults = input.maxResults ?? DEFAULT_MAX_RESULTS;
    if (maxResults < 1 || maxResults > MAX_RESULTS_LIMIT) {
      throw invalidParameter(
        `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be at least 1 and at most ${MAX_RESULTS_LIMIT}.`,
      );
    }
    const datasets = input.datasets.map(({ datasetName, datasetDigest }) => {
      if (!datasetName) throw invalidParameter("`dataset_name` in the `datasets` clause must be specified.");
      return { datasetName, datasetDigest: datasetDigest || undefined };
    });
    const search = { experimentIds: input.experimentIds, filter: input.filter ?? "", orderBy: input.orderBy, datasets };
    const offset = decodeOffsetToken(input.pageToken, search);
    const plan = compileLoggedModelSearch({ filter: input.filter, datasets, orderBy: input.orderBy });
    // Ids that cannot name an experiment simply match nothing.
    const experimentIds = input.experimentIds.flatMap((id) => parseExperimentId(id) ?? []);
    if (experimentIds.length === 0) return { models: [] };

    const rows = await searchLoggedModelPage(ctx.db, { experimentIds, ...plan, limit: maxResults + 1, offset });
    return {
      models: await assembleLoggedModels(ctx.db, rows.slice(0, maxResults)),
      nextPageToken: rows.length > maxResults ? encodeOffsetToken(offset + maxResults, search) : undefined,
    };
  }),
);
