"use client";
import { useCallback, useMemo, useRef, useState } from "react";
import { buildLineOption } from "./build-line-option";
import { countPointsIn } from "./chart-points";
import type { ChartSettings } from "./chart-settings";
import { ChartLegend } from "./chart-legend";
import type { ChartTheme } from "./chart-theme";
import { EChart, type XWindow } from "./echart";
import { useChartSeries, type ChartRun } from "./use-chart-series";
import type { ZoomWindowSeries } from "./use-zoom-window-series";
import styles from "./charts.module.css";

export interface MetricChartCardProps {
  metricKey: string;
  runs: ChartRun[];
  /** Legend names, unique per chart (run names may repeat). */
  labels: Map<string, string>;
  colors: Map<string, string>;
  settings: ChartSettings;
  buckets: number;
  theme: ChartTheme;
  onZoom(window: XWindow | undefined): void;
  /** The zoom window as the grid fetched it for all its charts at once (step and time axes). */
  sharedZoom?: ZoomWindowSeries;
}

/**
 * One metric, every run overlaid. Its data attributes say what is drawn (tests and the benchmark
 * read them): data-points in all, data-visible-points inside the zoom window, data-state.
 */
export function MetricChartCard({ metricKey, runs, labels, colors, settings, buckets, theme, onZoom, sharedZoom }: MetricChartCardProps) {
  const data = useChartSeries({ runs, metricKey, settings, buckets, enabled: true, shared: sharedZoom });
  const [hiddenRunIds, setHiddenRunIds] = useState<ReadonlySet<string>>(() => new Set());
  const toggleRun = useCallback((runId: string) => setHiddenRunIds((old) => {
    const next = new Set(old);
    if (!next.delete(runId)) next.add(runId);
    return next;
  }), []);
  // While a zoom's window is being fetched, the chart keeps what it shows (the dragged chart has
  // zoomed itself already): one redraw when the finer data arrives instead of two, and no option
  // built meanwhile for the new zoom (ten charts' worth of work before the request could leave).
  const settledOption = useRef<ReturnType<typeof buildLineOption> | undefined>(undefined);
  // A legend toggle is drawn at once, even while refining.
  const settledHidden = useRef(hiddenRunIds);
  const mustBuild = !data.isRefining || settledOption.current === undefined || settledHidden.current !== hiddenRunIds;
  const lines = useMemo(
    () =>
      runs.flatMap((run) => {
        const points = data.pointsByRun.get(run.runId);
        return points && points.length > 0 ? [{ runId: run.runId, label: labels.get(run.runId) ?? run.name, color: colors.get(run.runId) ?? "#888888", points }] : [];
      }),
    [data.pointsByRun, runs, labels, colors],
  );
  // The legend changes with the runs drawn, not with their points (a zoom leaves it alone).
  const legendKey = lines.map((l) => `${l.runId}\u0000${l.label}\u0000${l.color}`).join("\u0001");
  const legend = useMemo(() => lines.map(({ runId, label, color }) => ({ runId, label, color })), [legendKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const option = useMemo(
    () =>
      mustBuild ? buildLineOption({
        series: lines,
        xKind: settings.xKind,
        smoothing: settings.smoothing,
        logY: settings.logY,
        ignoreOutliers: settings.ignoreOutliers,
        zoom: settings.zoom,
        theme,
        markers: runs.flatMap((run) => (run.checkpointSteps ?? []).map((step) => ({ step, label: `${labels.get(run.runId) ?? run.name}: checkpoint at step ${step}`, color: colors.get(run.runId) ?? "#888888" }))),
        hiddenRunIds,
      }) : undefined,
    [mustBuild, lines, runs, labels, colors, settings.xKind, settings.smoothing, settings.logY, settings.ignoreOutliers, settings.zoom, theme, hiddenRunIds],
  );
  if (option) (settledOption.current = option), (settledHidden.current = hiddenRunIds);
  const shownOption = settledOption.current!;
  let total = 0;
  let visible = 0;
  for (const points of data.pointsByRun.values()) {
    total += points.length;
    visible += settings.zoom ? countPointsIn(points, settings.zoom) : points.length;
  }
  const state = data.error ? "error" : data.isPending ? "loading" : data.isRefining ? "refining" : "ready";
  return (
    <section
      className={styles.card}
      aria-label={`Chart of ${metricKey}`}
      data-testid="metric-chart"
      data-metric-key={metricKey}
      data-state={state}
      data-points={total}
      data-visible-points={visible}
      data-exact={data.isExact ? "true" : "false"}
    >
      <header className={styles.cardHeader}>
        <h3 className={styles.cardTitle} title={metricKey}>
          {metricKey}
        </h3>
        <span className={styles.cardMeta}>
          {state === "loading" ? "loading…" : state === "refining" ? "refining…" : data.isExact ? "every point" : "min/max per bucket"}
        </span>
      </header>
      {data.error ? (
        <p role="alert" className={styles.cardError}>
          {data.error.message}
        </p>
      ) : !data.isPending && total === 0 ? (
        <p className={styles.cardEmpty}>No points{settings.xKind === "metric" ? ` paired with ${settings.xMetric ?? "the x metric"}` : ""}.</p>
      ) : (
        <>
          <EChart option={shownOption} onZoom={onZoom} isDragZoom className={styles.chart} aria-label={`${metricKey} over ${settings.xKind}`} />
          {legend.length > 0 ? <ChartLegend entries={legend} hidden={hiddenRunIds} onToggle={toggleRun} /> : null}
        </>
      )}
      {/* Over the chart, which stays: its axis shows the window, and zooming out works from it. */}
      {state === "ready" && settings.zoom && total > 0 && visible === 0 ? <p className={styles.windowEmpty}>No points in this zoom window</p> : null}
    </section>
  );
}
