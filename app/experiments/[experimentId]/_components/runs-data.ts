"use client";
import { keepPreviousData, useInfiniteQuery, useQueries, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "@/app/_components/trpc";
import { keyString, pageInput, rowsQueryKey, toRows, type InitialView, type RunRow, type RunsQuery } from "./runs-table-rows";
import { composeFilter } from "./search-query";
import type { ViewState } from "./view-state";

/** How often a view with RUNNING runs refreshes itself. */
export const LIVE_INTERVAL_MS = 5_000;
/** A refresh re-reads every loaded page in turn: beyond this many, the view stops polling. */
const LIVE_MAX_PAGES = 10;

type Trpc = ReturnType<typeof useTRPC>;

async function fetchPage(trpc: Trpc, client: QueryClient, query: RunsQuery, filter: string, pageToken: string | undefined, depth: number) {
  const page = await client.fetchQuery({ ...trpc.runsTable.page.queryOptions(pageInput(query, filter, pageToken, depth)), staleTime: 0 });
  return { rows: toRows(page, depth), nextPageToken: page.nextPageToken };
}

const isRunning = (rows: RunRow[]) => rows.some((r) => r.status === "RUNNING");

/**
 * The table's rows: top-level runs page by page (keyset page tokens; the next page is fetched as
 * the user scrolls near the end), with the children of expanded parents spliced in under them.
 * While any loaded run is RUNNING, everything refreshes every LIVE_INTERVAL_MS.
 */
export function useRunRows(
  query: RunsQuery,
  state: Pick<ViewState, "filter" | "statuses" | "expanded">,
  enabled: boolean,
  initial: InitialView["firstPage"],
) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const filter = composeFilter(state, { topLevel: query.nested });
  const queryKey = rowsQueryKey(query, filter);
  // The server rendered this view's first page: start from it (for that view only).
  const initialPage = initial && initial.key === keyString(queryKey) ? initial.page : undefined;
  const pages = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(trpc, client, query, filter, pageParam, 0),
    enabled,
    initialPageParam: undefined as string | undefined,
    initialData: initialPage && { pages: [{ rows: toRows(initialPage, 0), nextPageToken: initialPage.nextPageToken }], pageParams: [undefined] },
    getNextPageParam: (last) => last.nextPageToken,
    // Sorting or filtering keeps the old rows on screen until the new ones arrive (no flash).
    placeholderData: keepPreviousData,
    retry: false,
    refetchInterval: (q) => {
      const loaded = q.state.data?.pages ?? [];
      return loaded.length <= LIVE_MAX_PAGES && loaded.some((p) => isRunning(p.rows)) ? LIVE_INTERVAL_MS : false;
    },
  });
  const expanded = query.nested ? state.expanded : [];
  const children = useQueries({
    queries: expanded.map((parentId) => ({
      queryKey: ["runsTable", "children", query, state.filter, state.statuses, parentId],
      queryFn: () => fetchPage(trpc, client, query, composeFilter(state, { parentId }), undefined, 1),
      enabled,
      retry: false,
      refetchInterval: (q: { state: { data?: { rows: RunRow[] } } }) => (q.state.data && isRunning(q.state.data.rows) ? LIVE_INTERVAL_MS : false),
    })),
  });
  // useQueries answers a new array every render; its results change only with dataUpdatedAt.
  const childVersion = children.map((c) => c.dataUpdatedAt).join();
  const rows = useMemo(() => {
    const top = pages.data?.pages.flatMap((p) => p.rows) ?? [];
    const byParent = new Map(expanded.map((id, i) => [id, children[i]?.data?.rows ?? []]));
    if (byParent.size === 0) return top;
    return top.flatMap((row) => (row.childCount > 0 && byParent.has(row.runId) ? [row, ...byParent.get(row.runId)!] : [row]));
  }, [pages.data, expanded, childVersion]); // eslint-disable-line react-hooks/exhaustive-deps
  return { pages, rows, filter };
}

export function useRunKeys(experimentId: string, initialData: InitialView["keys"]) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.runsTable.keys.queryOptions({ experimentIds: [experimentId] }), staleTime: 30_000, initialData });
}
