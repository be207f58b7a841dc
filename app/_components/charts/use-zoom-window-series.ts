"use client";
import { keepPreviousData, queryOptions, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { useTRPCClient } from "../trpc";
import type { SeriesPayload } from "./chart-points";
import { parseZoom, zoomParamOf, type ChartSettings } from "./chart-settings";
import { seriesByKey, zoomRequestsOf } from "./zoom-requests";

interface ZoomWindowArgs {
  runIds: readonly string[];
  /** The metric keys of the charts mounted in the grid. */
  keys: readonly string[];
  settings: Pick<ChartSettings, "xKind" | "zoom">;
  buckets: number;
}

export interface ZoomWindowSeries {
  /** Each chart's series inside the zoom window; undefined while there is no answer (or no zoom). */
  byKey?: Map<string, SeriesPayload[]>;
  isRefining: boolean;
  error: Error | null;
}

/**
 * The zoom window of every mounted chart, fetched in one request (see zoomRequestsOf) and held in one query,
 * so all charts get their finer points in the same React render. Against another metric the window
 * is in that metric's values and each chart maps it to steps itself (useChartSeries).
 */
export function useZoomWindowSeries({ runIds, keys, settings, buckets }: ZoomWindowArgs) {
  const client = useQueryClient();
  const trpcClient = useTRPCClient();
  const isShared = settings.xKind !== "metric";
  const x = settings.xKind === "metric" ? "step" : settings.xKind;
  const optionsFor = useCallback(
    (window: { min: number; max: number }) => {
      const requests = zoomRequestsOf(runIds, keys, x, buckets, window);
      return queryOptions({
        queryKey: ["charts.series", "zoom-window", requests] as const,
        // Unbatched: each call is its own HTTP request, sent as the user lets go (see providers.tsx).
        queryFn: async ({ signal }) =>
          (await Promise.all(requests.map((input) => trpcClient.charts.series.query(input, { signal, context: { skipBatch: true } })))).flatMap((a) => a.series as SeriesPayload[]),
        staleTime: 10_000,
        retry: false,
        // Answers are never edited in place: comparing 20k buckets with the last answer only to share
        // unchanged ones cost ~75 ms of a zoom's main thread (profiled), more than drawing ten charts' data.
        structuralSharing: false,
      });
    },
    [runIds, keys, x, buckets, trpcClient],
  );
  const zoom = settings.zoom;
  const query = useQuery({
    ...optionsFor(zoom ?? { min: 0, max: 0 }),
    enabled: isShared && zoom !== undefined && runIds.length > 0 && keys.length > 0,
    placeholderData: keepPreviousData,
  });
  const byKey = useMemo(() => (query.data ? seriesByKey(query.data) : undefined), [query.data]);
  // Sends a zoom's request as the user lets go, before React renders the new window: the query the
  // render then asks for is this one, already under way. The window is rounded as the URL keeps it.
  const prefetch = useCallback(
    (window: { min: number; max: number } | undefined) => {
      const rounded = window && parseZoom(zoomParamOf(window, settings.xKind));
      if (isShared && rounded && runIds.length > 0 && keys.length > 0) void client.prefetchQuery(optionsFor(rounded));
    },
    [client, optionsFor, isShared, settings.xKind, runIds.length, keys.length],
  );
  const shared: ZoomWindowSeries | undefined = isShared
    ? { byKey: zoom ? byKey : undefined, isRefining: zoom !== undefined && (query.isFetching || query.isPlaceholderData), error: zoom ? query.error : null }
    : undefined;
  return { shared, prefetch };
}
