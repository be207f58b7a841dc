import type { ServiceContext } from "../context";
import { invokeVerb } from "../verb";
import type { Run } from "./types";
import { searchRuns } from "./search-runs";

/**
 * Every run a search matches, one page of runs at a time, following the keyset page tokens:
 * for exports that stream all runs without holding them all. The first page is searched on the
 * first pull, so a bad filter fails there, before anything was sent. `search` is searchRuns's raw input.
 */
export async function* searchRunPages(ctx: ServiceContext, search: Record<string, unknown>): AsyncGenerator<Run[]> {
  let page = await invokeVerb(searchRuns, ctx, search);
  for (;;) {
    yield page.runs;
    if (!page.nextPageToken) return;
    page = await invokeVerb(searchRuns, ctx, { ...search, pageToken: page.nextPageToken });
  }
}
