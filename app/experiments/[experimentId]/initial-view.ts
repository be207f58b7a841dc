import "server-only";
import { notFoundIfMissing } from "@/app/_components/not-found-check";
import { appRouter } from "@/server/trpc/app-router";
import { createTrpcContext } from "@/server/trpc/init";
import { parseColumnId } from "./_components/columns";
import { defaultColumns, keyString, pageInput, rowsQueryKey, runsQueryOf, type InitialView } from "./_components/runs-table-rows";
import { composeFilter } from "./_components/search-query";
import { parseViewState } from "./_components/view-state";

/**
 * The experiment, its keys and the first page of the view in `query`, through the same tRPC
 * procedures the browser calls, so the first rows arrive with the HTML instead of after three
 * round trips. An experiment that does not exist renders the 404 page; any other part that fails
 * is left out, and the browser then asks (and shows the error).
 */
export async function loadInitialView(experimentId: string, query: URLSearchParams): Promise<InitialView> {
  const caller = appRouter.createCaller(createTrpcContext());
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
