import { readableModelsWhere } from "../../auth/readable";
import { z } from "zod";
import { searchRegisteredModelRows } from "../../repositories/registered-models-repository";
import { compileRegisteredModelSearch } from "../../search/compile-registry-search";
import { decodePageToken, offsetPage } from "../../search/page-token";
import { int64, stringList } from "../schemas";
import { runSearch } from "../run-search";
import { defineVerb } from "../verb";
import { assembleRegisteredModels } from "./load-registry";
import type { RegisteredModel } from "./types";

export const MAX_REGISTERED_MODELS_PER_PAGE = 1000;

export const searchRegisteredModels = defineVerb(
  z.object({
    filter: z.string().optional(),
    maxResults: int64.pipe(z.number().min(1).max(MAX_REGISTERED_MODELS_PER_PAGE)).default(100),
    orderBy: stringList.default([]),
    pageToken: z.string().optional(),
  }),
  async ({ ctx, input }): Promise<{ registeredModels: RegisteredModel[]; nextPageToken?: string }> => runSearch(ctx, async (ctx) => {
    const { offset } = decodePageToken(input.pageToken);
    const compiled = compileRegisteredModelSearch(input);
    // Only what the caller may read (server/auth/readable.ts): no count or page token shows the rest.
    const query = { ...compiled, readable: readableModelsWhere(ctx) };
    const rows = await searchRegisteredModelRows(ctx.db, { ...query, limit: input.maxResults + 1, offset });
    const { page, nextPageToken } = offsetPage(rows, input.maxResults, offset);
    return { registeredModels: await assembleRegisteredModels(ctx.db, page), nextPageToken };
  }),
);
