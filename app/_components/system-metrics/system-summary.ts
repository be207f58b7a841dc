// The System tab's summary card, computed from per-series SQL aggregates (never from points) and
// the idle spans found on the chart buckets.
import { idleTotalMs, type IdleSpan } from "./gpu-idle";
import { parseSystemMetricKey } from "./system-metric-keys";
import type { SeriesAggregateRow } from "@/server/repositories/system-metric-aggregates-repository";

/** One (run, key) series as the systemMetrics.aggregates procedure answers it. */
export type SeriesAggregate = Omit<SeriesAggregateRow, "runId">;

export interface IdleGpu {
  label: string;
  spans: IdleSpan[];
}

export interface SystemSummary {
  durationMs: number | undefined;
  cpu?: { mean: number; max: number };
  gpu?: { mean: number; max: number; count: number };
  gpuHours?: number;
  /** Watt-hours, over the GPUs that log their power draw (powerGpus of gpu.count). */
  energyWh?: number;
  powerGpus: number;
  idleGpus: { label: string; totalMs: number; longestMs: number }[];
}

interface RunTimes {
  startTime: number | null | undefined;
  endTime: number | null | undefined;
  /** Used for a run still running. */
  now: number;
}

/**
 * How long a series was observed: first to last sample plus one sampling interval (the last
 * sample stands for the interval before it); a single sample observes nothing measurable.
 */
export function observedMs(series: Pick<SeriesAggregate, "count" | "firstTimestamp" | "lastTimestamp">): number {
  if (series.count < 2) return 0;
  const span = series.lastTimestamp - series.firstTimestamp;
  return (span * series.count) / (series.count - 1);
}

/** Mean over several series weighted by their point counts, and the highest value of any. */
function pool(series: readonly SeriesAggregate[]): { mean: number; max: number } | undefined {
  const known = series.filter((s) => s.count > 0 && s.mean !== null && s.max !== null);
  if (known.length === 0) return undefined;
  const points = known.reduce((n, s) => n + s.count, 0);
  return { mean: known.reduce((sum, s) => sum + s.mean! * s.count, 0) / points, max: Math.max(...known.map((s) => s.max!)) };
}

export function summarizeSystemMetrics(run: RunTimes, aggregates: readonly SeriesAggregate[], idle: readonly IdleGpu[]): SystemSummary {
  const start = run.startTime ?? undefined;
  const end = run.endTime ?? (start === undefined ? undefined : run.now);
  const parsed = aggregates.flatMap((a) => {
    const key = parseSystemMetricKey(a.key);
    return key ? [{ ...a, parsed: key }] : [];
  });
  const cpu = pool(parsed.filter((a) => a.parsed.kind === "host" && a.parsed.measure === "cpu_utilization_percentage"));
  const utilization = parsed.filter((a) => a.parsed.kind === "gpu" && a.parsed.measure === "utilization_percentage");
  const power = parsed.filter((a) => a.parsed.kind === "gpu" && a.parsed.measure === "power_usage_watts" && a.mean !== null);
  const gpuPool = pool(utilization);
  const hours = (ms: number) => ms / 3_600_000;
  return {
    durationMs: start !== undefined && end !== undefined ? end - start : undefined,
    cpu,
    gpu: gpuPool && { ...gpuPool, count: utilization.length },
    gpuHours: utilization.length > 0 ? utilization.reduce((sum, s) => sum + hours(observedMs(s)), 0) : undefined,
    energyWh: power.length > 0 ? power.reduce((sum, s) => sum + s.mean! * hours(observedMs(s)), 0) : undefined,
    powerGpus: power.length,
    idleGpus: idle
      .filter((g) => g.spans.length > 0)
      .map((g) => ({ label: g.label, totalMs: idleTotalMs(g.spans), longestMs: Math.max(...g.spans.map((s) => s.end - s.start)) })),
  };
}
