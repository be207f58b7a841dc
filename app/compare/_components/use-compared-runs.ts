"use client";
import { useQueries, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { toNumber } from "@/app/_components/charts/chart-points";
import { useTRPC } from "@/app/_components/trpc";
import type { ComparedRun } from "./compare-fields";

/** compare.metricRanges summarizes at most this many keys per request (the server's limit). */
const RANGE_KEYS_PER_REQUEST = 100;
const RANGE_RUNS_PER_REQUEST = 1000;

/** The runs named in the URL with their data; min/max of their metrics arrive a moment later. */
export function useComparedRuns(runIds: string[]) {
  const trpc = useTRPC();
  const runsQuery = useQuery({ ...trpc.compare.runs.queryOptions({ runIds }), enabled: runIds.length > 0, retry: false });
  const data = runsQuery.data;
  const metricKeys = useMemo(() => [...new Set(data?.runs.flatMap((r) => r.data.metrics.map((m) => m.key)) ?? [])].sort(), [data]);
  const foundIds = useMemo(() => data?.runs.map((r) => r.info.runId).slice(0, RANGE_RUNS_PER_REQUEST) ?? [], [data]);
  const keyChunks = useMemo(() => {
    const chunks: string[][] = [];
    for (let i = 0; i < metricKeys.length; i += RANGE_KEYS_PER_REQUEST) chunks.push(metricKeys.slice(i, i + RANGE_KEYS_PER_REQUEST));
    return chunks;
  }, [metricKeys]);
  const ranges = useQueries({
    queries: keyChunks.map((keys) => ({ ...trpc.compare.metricRanges.queryOptions({ runIds: foundIds, keys }), retry: false, staleTime: 30_000 })),
  });
  const rangesVersion = ranges.map((r) => r.dataUpdatedAt).join();
  const runs = useMemo<ComparedRun[]>(() => {
    if (!data) return [];
    const experimentNames = new Map(data.experiments.map((e) => [e.experimentId, e.name]));
    const rangesByRun = new Map<string, ComparedRun["ranges"]>();
    for (const r of ranges) {
      for (const s of r.data?.summaries ?? []) {
        const forRun = rangesByRun.get(s.runId) ?? {};
        forRun[s.key] = { min: s.min === null ? null : toNumber(s.min), max: s.max === null ? null : toNumber(s.max) };
        rangesByRun.set(s.runId, forRun);
      }
    }
    return data.runs.map((run) => ({
      runId: run.info.runId,
      name: run.info.runName,
      experimentId: run.info.experimentId,
      experimentName: experimentNames.get(run.info.experimentId) ?? run.info.experimentId,
      status: run.info.status,
      startTime: run.info.startTime,
      endTime: run.info.endTime,
      params: Object.fromEntries(run.data.params.map((p) => [p.key, p.value])),
      metrics: Object.fromEntries(run.data.metrics.map((m) => [m.key, toNumber(m.value)])),
      tags: Object.fromEntries(run.data.tags.map((t) => [t.key, t.value])),
      ranges: rangesByRun.get(run.info.runId) ?? {},
    }));
  }, [data, rangesVersion]); // eslint-disable-line react-hooks/exhaustive-deps
  return {
    runs,
    metricKeys,
    missingRunIds: data?.missingRunIds ?? [],
    isPending: runsQuery.isPending && runIds.length > 0,
    error: runsQuery.error,
    areRangesLoading: ranges.some((r) => r.isPending),
  };
}
