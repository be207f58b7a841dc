"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { useChartTheme } from "@/app/_components/charts/use-chart-theme";
import { findIdleSpans } from "@/app/_components/system-metrics/gpu-idle";
import { SystemChartCard, type CardLine } from "@/app/_components/system-metrics/system-chart-card";
import { groupSystemKeys } from "@/app/_components/system-metrics/system-metric-keys";
import { summarizeSystemMetrics, type SystemSummary } from "@/app/_components/system-metrics/system-summary";
import { formatEnergy } from "@/app/_components/system-metrics/system-summary-card";
import { seriesId, useSystemSeries } from "@/app/_components/system-metrics/use-system-series";
import sys from "@/app/_components/system-metrics/system-metrics.module.css";
import { useTRPC } from "@/app/_components/trpc";
import ui from "@/app/_components/ui/common.module.css";
import { formatDuration } from "@/app/_components/ui/format";
import type { ComparedRun } from "./compare-fields";
import styles from "./compare.module.css";

const COMPARE_BUCKETS = 300;
const MAX_SUMMARY_RUNS = 100;

interface RunGpu {
  run: ComparedRun;
  key: string;
  label: string;
}

/** GPU utilization of each run on time since its start, and a table of its summary figures. */
export function SystemView({ runs, labels, colors }: { runs: ComparedRun[]; labels: Map<string, string>; colors: Map<string, string> }) {
  const trpc = useTRPC();
  const theme = useChartTheme();
  const gpus = useMemo<RunGpu[]>(
    () =>
      runs.flatMap((run) =>
        groupSystemKeys(Object.keys(run.metrics)).flatMap((node) =>
          node.gpus.flatMap((gpu) => (gpu.keys.utilization_percentage ? [{ run, key: gpu.keys.utilization_percentage, label: `${node.node ? `${node.node} ` : ""}GPU ${gpu.index}` }] : [])),
        ),
      ),
    [runs],
  );
  const series = useMemo(() => gpus.map((g) => ({ runId: g.run.runId, key: g.key })), [gpus]);
  const data = useSystemSeries(series, "relative", COMPARE_BUCKETS, { seriesPerRequest: 8 });
  const runIds = useMemo(() => runs.slice(0, MAX_SUMMARY_RUNS).map((r) => r.runId), [runs]);
  const aggregates = useQuery({ ...trpc.systemMetrics.aggregates.queryOptions({ runIds }), enabled: runIds.length > 0, refetchOnWindowFocus: false, retry: false });

  const summaries = useMemo(() => {
    const out = new Map<string, SystemSummary>();
    for (const run of runs) {
      const idle = gpus.filter((g) => g.run === run).map((g) => ({ label: g.label, spans: findIdleSpans(data.idleBuckets.get(seriesId(run.runId, g.key)) ?? []) }));
      const mine = aggregates.data?.series.filter((s) => s.runId === run.runId) ?? [];
      out.set(run.runId, summarizeSystemMetrics({ startTime: run.startTime, endTime: run.endTime, now: Date.now() }, mine, idle));
    }
    return out;
  }, [runs, gpus, data.idleBuckets, aggregates.data]);

  const lines = useMemo<CardLine[]>(
    () =>
      gpus.map((g) => {
        const name = labels.get(g.run.runId) ?? g.run.name;
        return { id: seriesId(g.run.runId, g.key), name, label: `${name} · ${g.label}`, color: colors.get(g.run.runId) ?? "#888888", points: data.points.get(seriesId(g.run.runId, g.key)) };
      }),
    [gpus, labels, colors, data.points],
  );

  const pct = (v: number | undefined) => (v === undefined ? "—" : `${v.toFixed(1)} %`);
  return (
    <div className={sys.view} data-testid="compare-system">
      {gpus.length === 0 ? (
        <p className={styles.muted}>None of these runs logged GPU utilization (system/gpu_&lt;i&gt;_utilization_percentage).</p>
      ) : (
        <SystemChartCard
          chartId="compare:gpu-utilization"
          title="GPU utilization per run"
          unit="%"
          lines={lines}
          xKind="relative"
          theme={theme}
          group="compare-system"
          isPending={data.isPending}
          error={data.error}
          meta="each GPU one line, coloured by run; x = time since the run’s start"
        />
      )}
      {aggregates.error && <p role="alert" className={styles.error}>{aggregates.error.message}</p>}
      <table className={ui.table} aria-label="System summary per run">
        <thead>
          <tr>
            <th>Run</th>
            <th>Duration</th>
            <th>GPUs</th>
            <th>GPU util. mean</th>
            <th>GPU util. max</th>
            <th>GPU-hours</th>
            <th>GPU energy</th>
            <th>CPU util. mean</th>
            <th>Idle GPUs (&lt; 10 % over 5 min)</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const s = summaries.get(run.runId)!;
            return (
              <tr key={run.runId} data-run-id={run.runId}>
                <td>
                  <span className={styles.dot} style={{ display: "inline-block", marginRight: 6, background: colors.get(run.runId) }} />
                  <Link href={`/experiments/${run.experimentId}/runs/${run.runId}?tab=system`}>{labels.get(run.runId) ?? run.name}</Link>
                </td>
                <td className={ui.number}>{s.durationMs === undefined ? "—" : formatDuration(s.durationMs)}</td>
                <td className={ui.number}>{s.gpu?.count ?? 0}</td>
                <td className={ui.number}>{pct(s.gpu?.mean)}</td>
                <td className={ui.number}>{pct(s.gpu?.max)}</td>
                <td className={ui.number}>{s.gpuHours === undefined ? "—" : s.gpuHours.toFixed(2)}</td>
                <td className={ui.number}>{s.energyWh === undefined ? "—" : formatEnergy(s.energyWh)}</td>
                <td className={ui.number}>{pct(s.cpu?.mean)}</td>
                <td>{s.idleGpus.length === 0 ? "none" : s.idleGpus.map((g) => `${g.label} (${formatDuration(g.totalMs)})`).join(", ")}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
