"use client";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import { useTRPC } from "../trpc";
import { appendTail, bucketsToPoints, liveMinOf, mergeWindow, mergeWindowByStep, pairByStep, stepWindowOf, type BucketColumns, type ChartPoint, type SeriesPayload } from "./chart-points";
import type { ChartSettings } from "./chart-settings";
import type { ZoomWindowSeries } from "./use-zoom-window-series";

export interface ChartRun {
  runId: string;
  name: string;
  /** RUNNING: its charts fetch new points every LIVE_CHART_MS. */
  isLive?: boolean;
  /** Steps of the run's checkpoints, marked on its charts when x is the step. */
  checkpointSteps?: number[];
}

/**
 * A payload's points, made once per answer (answers are replaced whole, never edited): a zoom re-renders
 * every chart twice, and the overview's 250 points per run were made again each time.
 */
const pointsByBuckets = new WeakMap<BucketColumns, ChartPoint[]>();
function pointsOf(buckets: BucketColumns): ChartPoint[] {
  let points = pointsByBuckets.get(buckets);
  if (!points) pointsByBuckets.set(buckets, (points = bucketsToPoints(buckets)));
  return points;
}

/** How often charts of running runs ask for points after the last one they hold. */
export const LIVE_CHART_MS = 3_000;

interface SeriesArgs {
  runs: ChartRun[];
  metricKey: string;
  settings: Pick<ChartSettings, "xKind" | "xMetric" | "zoom">;
  buckets: number;
  enabled: boolean;
  /** The zoom window fetched once for every chart of the grid (step and time axes); else fetched here. */
  shared?: ZoomWindowSeries;
}

/**
 * One chart's data: each run's history of `metricKey` in `buckets` buckets, the zoom window again at full
 * resolution, live points appended. Against another metric both are fetched by step and paired here, the
 * zoom mapped to the steps where the x metric took those values.
 */
export function useChartSeries({ runs, metricKey, settings, buckets, enabled, shared }: SeriesArgs) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const isMetricX = settings.xKind === "metric";
  const x = settings.xKind === "metric" ? "step" : settings.xKind;
  const keys = isMetricX && settings.xMetric ? [metricKey, settings.xMetric] : [metricKey];
  const series = runs.flatMap((r) => keys.map((key) => ({ runId: r.runId, key })));
  const overviewOptions = trpc.charts.series.queryOptions({ series, x, buckets });
  // No structural sharing (see useZoomWindowSeries): answers are replaced whole, never edited.
  const overview = useQuery({ ...overviewOptions, enabled: enabled && series.length > 0, staleTime: Infinity, refetchOnWindowFocus: false, retry: false, structuralSharing: false });
  const zoom = settings.zoom;
  const xSeries = isMetricX && zoom ? overview.data?.series.filter((s) => s.key === settings.xMetric) : undefined;
  const fetchWindow = isMetricX ? xSeries && zoom && stepWindowOf(xSeries, zoom) : zoom;
  const own = useQuery({
    ...trpc.charts.series.queryOptions({ series, x, buckets, window: fetchWindow ?? {} }),
    enabled: enabled && !shared && series.length > 0 && fetchWindow !== undefined,
    staleTime: 10_000,
    placeholderData: keepPreviousData,
    retry: false,
    structuralSharing: false,
  });
  const zoomed = shared
    ? { series: shared.byKey?.get(metricKey), error: shared.error, isRefining: shared.isRefining }
    : { series: own.data?.series, error: own.error, isRefining: own.isFetching || own.isPlaceholderData };

  const liveRunIds = runs.filter((r) => r.isLive).map((r) => r.runId);
  const liveKey = liveRunIds.join(",");
  useEffect(() => {
    if (!enabled || liveKey === "") return;
    const timer = setInterval(async () => {
      const held = client.getQueryData(overviewOptions.queryKey);
      if (!held) return;
      // One request per live run (batched into one HTTP call), each from just above its last x.
      const tails = await Promise.all(
        liveKey.split(",").map((runId) => {
          const mine = held.series.filter((s) => s.runId === runId);
          const mins = mine.map(liveMinOf);
          const min = mins.length > 0 && mins.every((m) => m !== undefined) ? Math.min(...(mins as number[])) : undefined;
          const input = { series: keys.map((key) => ({ runId, key })), x, buckets, window: min === undefined ? {} : { min } };
          return client.fetchQuery({ ...trpc.charts.series.queryOptions(input), staleTime: 0, gcTime: 0 }).catch(() => ({ series: [] }));
        }),
      );
      client.setQueryData(overviewOptions.queryKey, (old) => old && { ...old, series: appendTail(old.series, tails.flatMap((t) => t.series)) });
    }, LIVE_CHART_MS);
    return () => clearInterval(timer);
  }, [enabled, liveKey, client, x, buckets, keys.join("\u0000")]); // eslint-disable-line react-hooks/exhaustive-deps

  const pointsByRun = useMemo(() => {
    const out = new Map<string, ChartPoint[]>();
    if (!overview.data) return out;
    const find = (list: readonly SeriesPayload[] | undefined, runId: string, key: string) => list?.find((s) => s.runId === runId && s.key === key);
    for (const run of runs) {
      const whole = find(overview.data.series, run.runId, metricKey);
      if (!whole) continue;
      const inside = fetchWindow && find(zoomed.series, run.runId, metricKey);
      if (isMetricX && settings.xMetric) {
        const other = find(overview.data.series, run.runId, settings.xMetric);
        let points = other ? pairByStep(pointsOf(whole.buckets), pointsOf(other.buckets)) : [];
        const insideX = find(zoomed.series, run.runId, settings.xMetric);
        if (zoom && inside && insideX) points = mergeWindowByStep(points, pairByStep(pointsOf(inside.buckets), pointsOf(insideX.buckets)), zoom);
        out.set(run.runId, points);
      } else {
        const points = pointsOf(whole.buckets);
        out.set(run.runId, inside && zoom ? mergeWindow(points, pointsOf(inside.buckets), zoom) : points);
      }
    }
    return out;
  }, [overview.data, zoomed.series, runs, metricKey, zoom, fetchWindow !== undefined, isMetricX, settings.xMetric]); // eslint-disable-line react-hooks/exhaustive-deps

  const windowSeries = fetchWindow ? zoomed.series : overview.data?.series;
  const isExact = Boolean(windowSeries?.filter((s) => s.key === metricKey).every((s) => s.exact));
  return {
    pointsByRun,
    isPending: overview.isPending,
    error: overview.error ?? zoomed.error,
    isRefining: fetchWindow !== undefined && zoomed.isRefining,
    isExact,
  };
}
