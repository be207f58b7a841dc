"use client";
import { keepPreviousData, useInfiniteQuery, useQueries, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useMemo } from "react";
import type { AppRouter } from "@/server/trpc/app-router";
import { useTRPC } from "@/app/_components/trpc";
import { SYSTEM_TAGS } from "./columns";
import { composeFilter } from "./search-query";
import type { RunViewType, ViewState } from "./view-state";

type Outputs = inferRouterOutputs<AppRouter>;
type WireRun = Outputs["runs"]["search"]["runs"][number];

/** One table row: a run flattened for cell lookups. */
export interface RunRow {
  runId: string;
  name: string;
  status: string;
  startTime: number;
  endTime?: number;
  userId: string;
  lifecycleStage: string;
  params: Record<string, string>;
  metrics: Record<string, number | null>;
  tags: Record<string, string>;
  ranges: Record<string, { min: number | null; max: number | null }>;
  childCount: number;
  /** 0 for top-level (or flat) rows, 1 for a child shown under its expanded parent. */
  depth: number;
  parentId?: string;
}

export const PAGE_SIZE = 200;
/** How often a view with RUNNING runs refreshes itself. */
export const LIVE_INTERVAL_MS = 5_000;
/** A refresh re-reads every loaded page in turn: beyond this many, the view stops polling. */
const LIVE_MAX_PAGES = 10;

export interface RunsQuery {
  experimentId: string;
  orderBy: string[];
  view: RunViewType;
  dataKeys: { params: string[]; metrics: string[]; tags: string[] };
  rangeKeys: string[];
  nested: boolean;
}

type Trpc = ReturnType<typeof useTRPC>;

/** One page of runs with what the loaded rows need beyond runs.search: metric ranges and child counts. */
async function fetchPage(
  trpc: Trpc,
  client: QueryClient,
  query: RunsQuery,
  filter: string,
  pageToken: string | undefined,
  depth: number,
): Promise<{ rows: RunRow[]; nextPageToken?: string }> {
  const page = await client.fetchQuery({
    ...trpc.runs.search.queryOptions({
      experimentIds: [query.experimentId],
      filter,
      orderBy: query.orderBy,
      runViewType: query.view,
      maxResults: PAGE_SIZE,
      pageToken,
      dataKeys: query.dataKeys,
    }),
    staleTime: 0,
  });
  const ids = page.runs.map((r) => r.info.runId);
  const [summaries, children] = await Promise.all([
    query.rangeKeys.length > 0 && ids.length > 0
      ? client.fetchQuery({ ...trpc.runsTable.metricSummaries.queryOptions({ runIds: ids, keys: query.rangeKeys }), staleTime: 0 })
      : undefined,
    query.nested && depth === 0 && ids.length > 0
      ? client.fetchQuery({ ...trpc.runsTable.childCounts.queryOptions({ parentRunIds: ids, runViewType: query.view }), staleTime: 0 })
      : undefined,
  ]);
  const ranges = new Map<string, RunRow["ranges"]>();
  for (const s of summaries?.summaries ?? []) {
    const forRun = ranges.get(s.runId) ?? {};
    forRun[s.key] = { min: s.min, max: s.max };
    ranges.set(s.runId, forRun);
  }
  return {
    rows: page.runs.map((run) => toRow(run, depth, ranges.get(run.info.runId) ?? {}, children?.counts[run.info.runId] ?? 0)),
    nextPageToken: page.nextPageToken,
  };
}

function toRow(run: WireRun, depth: number, ranges: RunRow["ranges"], childCount: number): RunRow {
  const tags = Object.fromEntries(run.data.tags.map((t) => [t.key, t.value]));
  return {
    runId: run.info.runId,
    name: run.info.runName,
    status: run.info.status,
    startTime: run.info.startTime,
    endTime: run.info.endTime,
    userId: run.info.userId,
    lifecycleStage: run.info.lifecycleStage,
    params: Object.fromEntries(run.data.params.map((p) => [p.key, p.value])),
    metrics: Object.fromEntries(run.data.metrics.map((m) => [m.key, m.value])),
    tags,
    ranges,
    childCount,
    depth,
    parentId: tags[SYSTEM_TAGS.parent],
  };
}

const isRunning = (rows: RunRow[]) => rows.some((r) => r.status === "RUNNING");

/**
 * The table's rows: top-level runs page by page (keyset page tokens; the next page is fetched as
 * the user scrolls near the end), with the children of expanded parents spliced in under them.
 * While any loaded run is RUNNING, everything refreshes every LIVE_INTERVAL_MS.
 */
export function useRunRows(query: RunsQuery, state: Pick<ViewState, "filter" | "statuses" | "expanded">, enabled: boolean) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const filter = composeFilter(state, { topLevel: query.nested });
  const pages = useInfiniteQuery({
    queryKey: ["runsTable", "rows", query, filter],
    queryFn: ({ pageParam }) => fetchPage(trpc, client, query, filter, pageParam, 0),
    enabled,
    initialPageParam: undefined as string | undefined,
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

export function useRunKeys(experimentId: string) {
  const trpc = useTRPC();
  return useQuery({ ...trpc.runsTable.keys.queryOptions({ experimentIds: [experimentId] }), staleTime: 30_000 });
}
