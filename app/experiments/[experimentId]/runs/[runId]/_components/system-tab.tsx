"use client";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useChartTheme } from "@/app/_components/charts/use-chart-theme";
import { findIdleSpans } from "@/app/_components/system-metrics/gpu-idle";
import { SystemChartCard } from "@/app/_components/system-metrics/system-chart-card";
import { GPU_PALETTE, nodeTitle, planNodeCharts } from "@/app/_components/system-metrics/system-charts";
import { groupSystemKeys, isSystemMetricKey } from "@/app/_components/system-metrics/system-metric-keys";
import { summarizeSystemMetrics } from "@/app/_components/system-metrics/system-summary";
import { SystemSummaryCard } from "@/app/_components/system-metrics/system-summary-card";
import { seriesId, useSystemSeries } from "@/app/_components/system-metrics/use-system-series";
import styles from "@/app/_components/system-metrics/system-metrics.module.css";
import { useTRPC } from "@/app/_components/trpc";
import { useQueryState } from "nuqs";
import { runPageParams } from "@/app/experiments/[experimentId]/runs/[runId]/search-params";
import type { Run } from "./run-types";

/**
 * Buckets per series: about one per pixel of a chart card; a week-long run shows ~35-minute detail
 * (and idle spans that long). 600 doubled the bucket query's time for no visible gain.
 */
const SYSTEM_BUCKETS = 300;
const SYSTEM_REFRESH_MS = 10_000;
/** A week on 8 GPUs is 30 series: four bucket queries side by side rather than one long one. */
const SERIES_PER_QUERY = 8;
const TRAINING_COLOR = "#5c6bc0";

/**
 * The collector's system metrics per node on wall time, under a training metric on the same time
 * range; every chart shares one cursor (echarts group) so a slowdown lines up with its cause.
 * URL: sk=<training metric key> ("-" for none).
 */
export function SystemTab({ run, isLive }: { run: Run; isLive: boolean }) {
  const trpc = useTRPC();
  const theme = useChartTheme();
  const runId = run.info.runId;
  const keys = useMemo(() => run.data.metrics.map((m) => m.key).sort(), [run.data.metrics]);
  const nodes = useMemo(() => groupSystemKeys(keys), [keys]);
  const plans = useMemo(() => nodes.map((node) => ({ node, charts: planNodeCharts(node) })), [nodes]);
  const trainingKeys = useMemo(() => keys.filter((k) => !isSystemMetricKey(k)), [keys]);
  const [trainingParam, setTrainingParam] = useQueryState("sk", runPageParams.sk);
  const trainingKey = trainingParam === "-" ? undefined : trainingKeys.includes(trainingParam) ? trainingParam : (trainingKeys.find((k) => k === "loss") ?? trainingKeys[0]);

  const series = useMemo(() => {
    const wanted = plans.flatMap((p) => p.charts.flatMap((c) => c.lines.map((l) => l.key)));
    if (trainingKey) wanted.unshift(trainingKey);
    return [...new Set(wanted)].map((key) => ({ runId, key }));
  }, [plans, trainingKey, runId]);
  const data = useSystemSeries(series, "time", SYSTEM_BUCKETS, { refreshMs: isLive ? SYSTEM_REFRESH_MS : undefined, seriesPerRequest: SERIES_PER_QUERY });
  const aggregates = useQuery({
    ...trpc.systemMetrics.aggregates.queryOptions({ runIds: [runId] }),
    // Averages read every point (~1M for a week on 8 GPUs): asked once the charts have their data,
    // so that they are drawn first instead of sharing the database with it.
    enabled: !data.isPending,
    refetchInterval: isLive ? SYSTEM_REFRESH_MS : false,
    refetchOnWindowFocus: false,
    retry: false,
  });

  const summary = useMemo(() => {
    const idle = nodes.flatMap((node) =>
      node.gpus.flatMap((gpu) => {
        const key = gpu.keys.utilization_percentage;
        const buckets = key ? data.idleBuckets.get(seriesId(runId, key)) : undefined;
        return buckets ? [{ label: `${node.node ? `${node.node} ` : ""}GPU ${gpu.index}`, spans: findIdleSpans(buckets) }] : [];
      }),
    );
    return summarizeSystemMetrics({ startTime: run.info.startTime, endTime: run.info.endTime, now: Date.now() }, aggregates.data?.series ?? [], idle);
  }, [nodes, data.idleBuckets, aggregates.data, run.info.startTime, run.info.endTime, runId]);

  // One x range for every chart of the tab, so that the system and training charts line up.
  // A running run ends, for now, at its latest point.
  const xRange = useMemo(() => {
    let latest = run.info.endTime ?? Number.NEGATIVE_INFINITY;
    if (!run.info.endTime) for (const points of data.points.values()) latest = Math.max(latest, points.at(-1)?.x ?? latest);
    return run.info.startTime && Number.isFinite(latest) ? { min: run.info.startTime, max: latest } : undefined;
  }, [run.info.startTime, run.info.endTime, data.points]);
  const group = `system-${runId}`;
  // What every chart of the tab shares: time axis, range, theme, hover group and loading state.
  const common = { xKind: "time" as const, xRange, theme, group, isPending: data.isPending, error: data.error };

  if (nodes.length === 0) {
    return (
      <p className={styles.muted}>
        This run has no system metrics. Log them with <code>metron-collector --run-id {runId}</code>, or MLflow’s <code>log_system_metrics=True</code>.
      </p>
    );
  }
  return (
    <div className={styles.view} data-testid="system-tab">
      <SystemSummaryCard summary={summary} isPending={aggregates.isPending} />
      {aggregates.error && <p role="alert">{aggregates.error.message}</p>}
      <div className={styles.toolbar}>
        <label>
          Training metric{" "}
          <select value={trainingKey ?? "-"} onChange={(e) => setTrainingParam(e.target.value)} aria-label="Training metric">
            <option value="-">none</option>
            {trainingKeys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <span className={styles.muted}>Wall time; hovering one chart shows the same moment on all of them. Wheel to zoom them together.</span>
      </div>
      {trainingKey && (
        <div className={styles.grid} style={{ gridTemplateColumns: "1fr" }}>
          <SystemChartCard
            chartId="training"
            title={trainingKey}
            unit=""
            lines={[{ id: trainingKey, name: trainingKey, label: trainingKey, color: TRAINING_COLOR, points: data.points.get(seriesId(runId, trainingKey)) }]}
            {...common}
            meta="training"
          />
        </div>
      )}
      {plans.map(({ node, charts }) => (
        <section key={node.node} className={styles.node} aria-label={nodeTitle(node.node)} data-testid="system-node">
          <h2>
            {nodeTitle(node.node)}
            {node.gpus.length > 0 && <span className={styles.muted}> · {node.gpus.length} GPU{node.gpus.length === 1 ? "" : "s"}</span>}
          </h2>
          <div className={styles.grid}>
            {charts.map((chart) => (
              <SystemChartCard
                key={chart.id}
                chartId={chart.id}
                title={chart.title}
                unit={chart.unit}
                lines={chart.lines.map((line, i) => ({ id: line.key, name: line.label, label: line.label, color: GPU_PALETTE[i % GPU_PALETTE.length], points: data.points.get(seriesId(runId, line.key)), isRate: line.isRate }))}
                {...common}
              />
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
