"use client";
import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { bucketsToPoints, toNumber, type ChartPoint } from "../charts/chart-points";
import { useTRPC } from "../trpc";
import type { IdleBucket } from "./gpu-idle";

/** charts.series takes at most 200 series per request. */
const MAX_SERIES_PER_REQUEST = 200;

export interface SystemSeriesData {
  /** `${runId}\u0000${key}` → drawn points. */
  points: Map<string, ChartPoint[]>;
  /** The same series' buckets as the idle detector reads them. */
  idleBuckets: Map<string, IdleBucket[]>;
  isPending: boolean;
  error: { message: string } | null;
}

export const seriesId = (runId: string, key: string) => `${runId}\u0000${key}`;

/**
 * Every series of a System view through the bucket query (charts.series), `seriesPerRequest` per
 * query: the queries of one render go out in one HTTP batch, and the server answers them on
 * separate connections, so smaller ones run side by side. `refreshMs` refetches a running run's view.
 */
export function useSystemSeries(
  series: { runId: string; key: string }[],
  x: "time" | "relative",
  buckets: number,
  { refreshMs, seriesPerRequest = MAX_SERIES_PER_REQUEST }: { refreshMs?: number; seriesPerRequest?: number } = {},
): SystemSeriesData {
  const trpc = useTRPC();
  const chunks = useMemo(() => {
    const out: { runId: string; key: string }[][] = [];
    const size = Math.min(seriesPerRequest, MAX_SERIES_PER_REQUEST);
    for (let i = 0; i < series.length; i += size) out.push(series.slice(i, i + size));
    return out;
  }, [series, seriesPerRequest]);
  const results = useQueries({
    queries: chunks.map((chunk) => ({
      ...trpc.charts.series.queryOptions({ series: chunk, x, buckets }),
      staleTime: refreshMs ? 0 : Infinity,
      refetchInterval: refreshMs ?? false,
      refetchOnWindowFocus: false,
      retry: false,
    })),
  });
  const version = `${chunks.length}:${results.map((r) => r.dataUpdatedAt).join()}`;
  return useMemo(() => {
    const points = new Map<string, ChartPoint[]>();
    const idleBuckets = new Map<string, IdleBucket[]>();
    for (const result of results) {
      for (const s of result.data?.series ?? []) {
        points.set(seriesId(s.runId, s.key), bucketsToPoints(s.buckets));
        idleBuckets.set(seriesId(s.runId, s.key), s.buckets.xLast.map((xLast, i) => ({ xFirst: s.buckets.xFirst[i], xLast, max: toNumber(s.buckets.max[i]) })));
      }
    }
    const error = results.find((r) => r.error)?.error ?? null;
    return { points, idleBuckets, isPending: results.some((r) => r.isPending), error };
  }, [version]); // eslint-disable-line react-hooks/exhaustive-deps
}
