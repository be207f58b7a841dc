import { z } from "zod";
import { searchRunPage } from "../../repositories/run-search-repository";
import { compileRunSearch } from "../../search/compile-run-search";
import { encodeKeyValue } from "../../search/keyset";
import { decodeKeysetToken, encodeKeysetToken } from "../../search/page-token";
import { invalidParameter } from "../errors";
import { experimentIdList, int32, stringList, viewType } from "../schemas";
import { parseExperimentId } from "../validation";
import { runSearch } from "../run-search";
import { defineVerb } from "../verb";
import type { RunRow } from "../../repositories/runs-repository";
import type { ServiceContext } from "../context";
import { assembleRuns, assembleRunsWithJsonData, type RunWithJsonData } from "./load-run";
import type { Run } from "./types";

export const MAX_RUNS_PER_PAGE = 50000;

const searchRunsInput = z.object({
  experimentIds: experimentIdList.default([]),
  filter: z.string().optional(),
  runViewType: viewType.default("ACTIVE_ONLY"),
  maxResults: int32.default(1000),
  orderBy: stringList.default([]),
  pageToken: z.string().optional(),
  // Metron extension for the UI: load only these keys per kind, so that a page of runs with
  // thousands of metric keys stays small. Absent → every key, as MLflow answers.
  dataKeys: z
    .object({ params: z.array(z.string()).optional(), metrics: z.array(z.string()).optional(), tags: z.array(z.string()).optional() })
    .optional(),
});

/** runs/search: one page of runs matching a filter, in order, and the token of the next page. */
export const searchRuns = defineVerb(searchRunsInput, async ({ ctx, input }): Promise<{ runs: Run[]; nextPageToken?: string }> =>
  runSearch(ctx, async (ctx) => {
    const page = await findPage(ctx, input);
    return { runs: await assembleRuns(ctx.db, page.rows, input.dataKeys), nextPageToken: page.nextPageToken };
  }),
);

/**
 * The same search, each run's data as JSON text for a response written as it is (the REST
 * endpoint); tRPC callers, which use the values, call searchRuns.
 */
export const searchRunsWithJsonData = defineVerb(
  searchRunsInput,
  async ({ ctx, input }): Promise<{ runs: RunWithJsonData[]; nextPageToken?: string }> =>
    runSearch(ctx, async (ctx) => {
      const page = await findPage(ctx, input);
      return { runs: await assembleRunsWithJsonData(ctx.db, page.rows, input.dataKeys), nextPageToken: page.nextPageToken };
    }),
);

async function findPage(ctx: ServiceContext, input: z.output<typeof searchRunsInput>): Promise<{ rows: RunRow[]; nextPageToken?: string }> {
  if (input.maxResults < 1 || input.maxResults > MAX_RUNS_PER_PAGE) {
    throw invalidParameter(
      `Invalid value ${input.maxResults} for parameter 'max_results' supplied. It must be at least 1 and at most ${MAX_RUNS_PER_PAGE}.`,
    );
  }
  // Ids that cannot name an experiment simply match nothing.
  const experimentIds = input.experimentIds.flatMap((id) => parseExperimentId(id) ?? []);
  const search = { experimentIds: input.experimentIds, filter: input.filter ?? "", orderBy: input.orderBy, view: input.runViewType };
  const plan = compileRunSearch({ ...input, experimentIds });
  const after = decodeKeysetToken(input.pageToken, search, plan.order.keys);
  if (experimentIds.length === 0) return { rows: [] };

  const rows = await searchRunPage(ctx.db, { ...plan, after, limit: input.maxResults + 1 });
  const page = rows.slice(0, input.maxResults);
  const last = page.at(-1);
  return {
    rows: page.map((r) => r.run),
    nextPageToken:
      rows.length > input.maxResults && last
        ? encodeKeysetToken(plan.order.keys.map((key, i) => encodeKeyValue(last.keyValues[i], key)), search)
        : undefined,
  };
}
