import "server-only";
import { notFoundIfMissing } from "@/app/_components/not-found-check";
import { pageCaller } from "@/server/trpc/page-caller";
import { parseColumnId } from "./_components/columns";
import { defaultColumns, keyString, pageInput, rowsQueryKey, runsQueryOf, type InitialView } from "./_components/runs-table-rows";
import { composeFilter } from "./_components/search-query";
import { parseViewState } from "./_components/view-state";

/**
 * The experiment, its keys and the view's first page through the browser's own tRPC procedures, so the
 * first rows come with the HTML instead of after three round trips. A missing experiment is the 404 page;
 * any other failing part is left for the browser to ask (and show the error).
 */
export async function loadInitialView(experimentId: string, query: URLSearchParams): Promise<InitialView> {
  const caller = await pageCaller();
  const state = parseViewState(query);
  const [experiment, keys] = await Promise.all([
    caller.runsTable.experiment({ experimentId }).catch(notFoundIfMissing),
    caller.runsTable.keys({ experimentIds: [experimentId] }).catch(() => undefined),
  ]);
  if (!experiment || !keys) return { experiment, keys };
  const columns = (state.columns ?? defaultColumns(keys)).flatMap((id) => parseColumnId(id) ?? []);
  const runsQuery = runsQueryOf(experimentId, state, columns);
  const filter = composeFilter(state, { topLevel: runsQuery.nested });
  const page = await caller.runsTable.page(pageInput(runsQuery, filter, undefined, 0)).catch(() => undefined);
  return { experiment, keys, firstPage: page && { key: keyString(rowsQueryKey(runsQuery, filter)), page } };
}
