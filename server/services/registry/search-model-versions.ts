import { readableModelsWhere } from "../../auth/readable";
import { z } from "zod";
import { searchModelVersionRows } from "../../repositories/model-versions-repository";
import { compileModelVersionSearch } from "../../search/compile-registry-search";
import { decodePageToken, offsetPage } from "../../search/page-token";
import { int64, stringList } from "../schemas";
import { runSearch } from "../run-search";
import { defineVerb } from "../verb";
import { assembleModelVersions } from "./load-registry";
import type { ModelVersion } from "./types";

export const MAX_MODEL_VERSIONS_PER_PAGE = 200_000;

export const searchModelVersions = defineVerb(
  z.object({
    filter: z.string().optional(),
    maxResults: int64.pipe(z.number().min(1).max(MAX_MODEL_VERSIONS_PER_PAGE)).default(MAX_MODEL_VERSIONS_PER_PAGE),
    orderBy: stringList.default([]),
    pageToken: z.string().optional(),
  }),
  async ({ ctx, input }): Promise<{ modelVersions: ModelVersion[]; nextPageToken?: string }> => runSearch(ctx, async (ctx) => {
    const { offset } = decodePageToken(input.pageToken);
    const compiled = compileModelVersionSearch(input);
    // Only what the caller may read (server/auth/readable.ts): no count or page token shows the rest.
    const query = { ...compiled, readable: readableModelsWhere(ctx, true) };
    const rows = await searchModelVersionRows(ctx.db, { ...query, limit: input.maxResults + 1, offset });
    const { page, nextPageToken } = offsetPage(rows, input.maxResults, offset);
    return { modelVersions: await assembleModelVersions(ctx.db, page), nextPageToken };
  }),
);
