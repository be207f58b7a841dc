import { readableExperimentsWhere } from "../../auth/readable";
import { z } from "zod";
import { findExperimentTags, searchExperimentRows } from "../../repositories/experiments-repository";
import { compileExperimentSearch } from "../../search/compile-experiment-search";
import { decodePageToken, encodePageToken } from "../../search/page-token";
import { groupBy } from "../group-by";
import { int64, stringList, viewType } from "../schemas";
import { runSearch } from "../run-search";
import { defineVerb } from "../verb";
import { toExperiment } from "./load-experiment";
import type { Experiment } from "./types";

export const MAX_EXPERIMENTS_PER_PAGE = 50000;

export const searchExperiments = defineVerb(
  z.object({
    maxResults: int64.pipe(z.number().min(1).max(MAX_EXPERIMENTS_PER_PAGE)).default(1000),
    pageToken: z.string().optional(),
    filter: z.string().optional(),
    orderBy: stringList.default([]),
    viewType: viewType.default("ACTIVE_ONLY"),
  }),
  async ({ ctx, input }): Promise<{ experiments: Experiment[]; nextPageToken?: string }> => runSearch(ctx, async (ctx) => {
    const { offset } = decodePageToken(input.pageToken);
    const compiled = compileExperimentSearch(input);
    // Only what the caller may read (server/auth/readable.ts): no count or page token shows the rest.
    const query = { ...compiled, readable: readableExperimentsWhere(ctx) };
    const rows = await searchExperimentRows(ctx.db, { ...query, limit: input.maxResults + 1, offset });
    const page = rows.slice(0, input.maxResults);
    const tags = groupBy(await findExperimentTags(ctx.db, page.map((r) => r.experimentId)), (t) => t.experimentId);
    return {
      experiments: page.map((row) => toExperiment(row, tags.get(row.experimentId) ?? [])),
      nextPageToken: rows.length > input.maxResults ? encodePageToken({ offset: offset + input.maxResults }) : undefined,
    };
  }),
);
