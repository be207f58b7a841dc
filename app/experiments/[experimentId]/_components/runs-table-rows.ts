import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/app-router";
import { columnId, DEFAULT_ATTRIBUTE_COLUMNS, SYSTEM_TAGS, type ColumnRef } from "./columns";
import { dataKeysOf, orderByOf } from "./search-query";
import type { RunViewType, ViewState } from "./view-state";

// The runs table's page request and rows: plain functions shared by the server page (first page,
// rendered into the HTML) and the browser (every later page).

export type TablePage = inferRouterOutputs<AppRouter>["runsTable"]["page"];
type PageInput = inferRouterInputs<AppRouter>["runsTable"]["page"];

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
const DEFAULT_KEY_COLUMNS = 5;

export interface RunsQuery {
  experimentId: string;
  orderBy: string[];
  view: RunViewType;
  dataKeys: { params: string[]; metrics: string[]; tags: string[] };
  rangeKeys: string[];
  nested: boolean;
}

/** System metrics (the collector's and MLflow's `system/…`): on request only, never by default. */
export const isSystemMetric = (key: string) => key.startsWith("system/");

/**
 * Without a column choice in the URL: the attributes, the first few metrics (system metrics left
 * out), then the params, those whose values differ across runs (what tells a sweep apart) first.
 */
export function defaultColumns(keys: { params: string[]; metrics: string[]; varyingParams?: string[] }): string[] {
  const varying = new Set(keys.varyingParams);
  const params = [...keys.params.filter((k) => varying.has(k)), ...keys.params.filter((k) => !varying.has(k))];
  return [
    ...DEFAULT_ATTRIBUTE_COLUMNS,
    ...keys.metrics
      .filter((k) => !isSystemMetric(k))
      .slice(0, DEFAULT_KEY_COLUMNS)
      .map((k) => columnId("metric", k)),
    ...params.slice(0, DEFAULT_KEY_COLUMNS).map((k) => columnId("param", k)),
  ];
}

export function runsQueryOf(experimentId: string, state: Pick<ViewState, "sort" | "view" | "flat">, columns: ColumnRef[]): RunsQuery {
  return { experimentId, orderBy: orderByOf(state.sort), view: state.view, nested: !state.flat, ...dataKeysOf(columns) };
}

export function pageInput(query: RunsQuery, filter: string, pageToken: string | undefined, depth: number): PageInput {
  return {
    experimentIds: [query.experimentId],
    filter,
    orderBy: query.orderBy,
    runViewType: query.view,
    maxResults: PAGE_SIZE,
    pageToken,
    dataKeys: query.dataKeys,
    rangeKeys: query.rangeKeys,
    withChildCounts: query.nested && depth === 0,
  };
}

export function toRows(page: TablePage, depth: number): RunRow[] {
  const ranges = new Map<string, RunRow["ranges"]>();
  for (const s of page.summaries) {
    const forRun = ranges.get(s.runId) ?? {};
    forRun[s.key] = { min: s.min, max: s.max };
    ranges.set(s.runId, forRun);
  }
  return page.runs.map((run) => {
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
      ranges: ranges.get(run.info.runId) ?? {},
      childCount: page.childCounts[run.info.runId] ?? 0,
      depth,
      parentId: tags[SYSTEM_TAGS.parent],
    };
  });
}

/** What the server page loaded for the first render; each part is absent if it failed. */
export interface InitialView {
  experiment?: inferRouterOutputs<AppRouter>["runsTable"]["experiment"];
  keys?: inferRouterOutputs<AppRouter>["runsTable"]["keys"];
  /** The first page, with the query key it answers (the browser uses it only for that key). */
  firstPage?: { key: string; page: TablePage };
}

export const rowsQueryKey = (query: RunsQuery, filter: string) => ["runsTable", "rows", query, filter] as const;
export const keyString = (key: readonly unknown[]) => JSON.stringify(key);
