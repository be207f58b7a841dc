"use client";
import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { bucketsToPoints, toNumber, type ChartPoint } from "../charts/chart-points";
import { useTRPC } from "../trpc";
import type { IdleBucket } from "./gpu-idle";

/** charts.series takes at most 200 series per request. */
const SERIES_PER_REQUEST = 200;

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
 * Every series of a System view through the bucket query (charts.series), in as few requests as
 * its limit allows; `refreshMs` refetches a running run's view.
 */
export function useSystemSeries(series: { runId: string; key: string }[], x: "time" | "relative", buckets: number, refreshMs?: number): SystemSeriesData {
  const trpc = useTRPC();
  const chunks = useMemo(() => {
    const out: { runId: string; key: string }[][] = [];
    for (let i = 0; i < series.length; i += SERIES_PER_REQUEST) out.push(series.slice(i, i + SERIES_PER_REQUEST));
    return out;
  }, [series]);
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
        idleBuckets.set(seriesId(s.runId, s.key), s.buckets.map((b) => ({ xFirst: b.xFirst, xLast: b.xLast, max: toNumber(b.max) })));
      }
    }
    const error = results.find((r) => r.error)?.error ?? null;
    return { points, idleBuckets, isPending: results.some((r) => r.isPending), error };
  }, [version]); // eslint-disable-line react-hooks/exhaustive-deps
}
