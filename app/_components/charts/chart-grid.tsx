"use client";
import { useVirtualizer, useWindowVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState } from "react";
import { ChartToolbar } from "./chart-toolbar";
import type { XWindow } from "./echart";
import { MetricChartCard } from "./metric-chart-card";
import { assignRunColors } from "./run-colors";
import { useChartSettings } from "./use-chart-settings";
import { useChartTheme } from "./use-chart-theme";
import type { ChartRun } from "./use-chart-series";
import { useDebouncedCallback } from "./use-debounced-callback";
import { useZoomWindowSeries } from "./use-zoom-window-series";
import styles from "./charts.module.css";

const CARD_HEIGHT = 300;
const GAP = 12;
const MIN_CARD_WIDTH = 380;
/** charts.series takes 200 series per request; against another metric a run needs two. */
export const MAX_CHART_RUNS = 100;

/**
 * One chart per metric key, every run overlaid, in a virtualized grid: only the rows of charts on
 * screen (and one more) are mounted, so only they fetch and draw, whatever the number of keys.
 */
export function ChartGrid({ runs, metricKeys, runNote, hasOwnScroll = false }: { runs: ChartRun[]; metricKeys: string[]; runNote?: string; hasOwnScroll?: boolean }) {
  const [settings, update] = useChartSettings();
  const theme = useChartTheme();
  const gridRef = useRef<HTMLDivElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const width = useWidth(gridRef);
  const columns = Math.max(1, Math.floor((width + GAP) / (MIN_CARD_WIDTH + GAP)));
  const cardWidth = width > 0 ? (width - GAP * (columns - 1)) / columns : MIN_CARD_WIDTH;
  // One min/max bucket per two pixels of plot (the band shows what lies between), rounded so that
  // small resizes keep the same queries.
  const buckets = Math.min(1000, Math.max(100, Math.round(cardWidth / 100) * 50));
  const needle = settings.keySearch.trim().toLowerCase();
  const keys = useMemo(() => (needle ? metricKeys.filter((k) => k.toLowerCase().includes(needle)) : metricKeys), [metricKeys, needle]);
  const shownRuns = useMemo(() => runs.slice(0, MAX_CHART_RUNS), [runs]);
  const labels = useMemo(() => uniqueLabels(shownRuns), [shownRuns]);
  const colors = useMemo(() => assignRunColors(shownRuns.map((r) => r.runId)), [shownRuns]);
  const rowCount = Math.ceil(keys.length / columns);
  // The page scrolls (run page), or the grid scrolls inside a full-height page (experiment page).
  const pageVirtualizer = useWindowVirtualizer({
    count: hasOwnScroll ? 0 : rowCount,
    estimateSize: () => CARD_HEIGHT + GAP,
    overscan: 1,
    scrollMargin: gridRef.current?.offsetTop ?? 0,
  });
  const ownVirtualizer = useVirtualizer({
    count: hasOwnScroll ? rowCount : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => CARD_HEIGHT + GAP,
    overscan: 1,
  });
  const virtualizer = hasOwnScroll ? ownVirtualizer : pageVirtualizer;
  const rows = virtualizer.getVirtualItems();
  const mountedKeyList = rows.flatMap((row) => keys.slice(row.index * columns, row.index * columns + columns));
  const mountedKeysJoined = mountedKeyList.join("\u0000");
  const mountedKeys = useMemo(() => mountedKeyList, [mountedKeysJoined]); // eslint-disable-line react-hooks/exhaustive-deps
  const runIds = useMemo(() => shownRuns.map((r) => r.runId), [shownRuns]);
  const zoomWindow = useZoomWindowSeries({ runIds, keys: mountedKeys, settings, buckets });
  // A drag zoom re-fetches at once; a wheel's burst of events once it pauses.
  const onZoom = useDebouncedCallback(
    (window: XWindow | undefined) => {
      zoomWindow.prefetch(window);
      update({ zoom: window });
    },
    80,
    { leading: true },
  );
  const note = runs.length > MAX_CHART_RUNS ? `(the first ${MAX_CHART_RUNS} of ${runs.length})` : runNote;
  return (
    <div className={`${styles.charts} ${hasOwnScroll ? styles.fill : ""}`}>
      <ChartToolbar settings={settings} update={update} metricKeys={metricKeys} shown={keys.length} total={metricKeys.length} runCount={shownRuns.length} runNote={note} />
      {metricKeys.length === 0 ? (
        <p className={styles.muted}>No metrics logged yet.</p>
      ) : keys.length === 0 ? (
        <p className={styles.muted}>No metric key contains “{settings.keySearch}”.</p>
      ) : null}
      <div ref={scrollRef} className={hasOwnScroll ? styles.scroller : undefined}>
      <div ref={gridRef} className={styles.grid} style={{ height: virtualizer.getTotalSize() }} data-testid="chart-grid">
        {width > 0 &&
          rows.map((row) => (
            <div
              key={row.key}
              className={styles.gridRow}
              style={{ transform: `translateY(${row.start - virtualizer.options.scrollMargin}px)`, height: CARD_HEIGHT, gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}
            >
              {keys.slice(row.index * columns, row.index * columns + columns).map((key) => (
                <MetricChartCard key={key} metricKey={key} runs={shownRuns} labels={labels} colors={colors} settings={settings} buckets={buckets} theme={theme} onZoom={onZoom} sharedZoom={zoomWindow.shared} />
              ))}
            </div>
          ))}
      </div>
      </div>
    </div>
  );
}

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.round(entry.contentRect.width)));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/** Run names as legend labels; a name two runs share gets the start of the run id. */
export function uniqueLabels(runs: readonly ChartRun[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const run of runs) counts.set(run.name, (counts.get(run.name) ?? 0) + 1);
  return new Map(runs.map((run) => [run.runId, (counts.get(run.name) ?? 0) > 1 || !run.name ? `${run.name || "run"} (${run.runId.slice(0, 6)})` : run.name]));
}
