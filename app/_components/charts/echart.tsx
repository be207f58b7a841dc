"use client";
// The one file that touches echarts: registration of the parts we use (a small bundle), init,
// setOption, resize, dispose. Every chart's option comes from a pure build-*-option.ts.
import { CustomChart, LineChart, ParallelChart, ScatterChart } from "echarts/charts";
import {
  DataZoomInsideComponent,
  GridComponent,
  LegendComponent,
  ParallelComponent,
  ToolboxComponent,
  TooltipComponent,
} from "echarts/components";
import { connect, init, use, type ECharts } from "echarts/core";
import type { EChartsOption } from "echarts";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef, type CSSProperties } from "react";

use([LineChart, CustomChart, ScatterChart, ParallelChart, GridComponent, TooltipComponent, LegendComponent, DataZoomInsideComponent, ToolboxComponent, ParallelComponent, CanvasRenderer]);

export interface XWindow {
  min: number;
  max: number;
}

export interface EChartProps {
  option: EChartsOption;
  /** The visible x range after the user zoomed (wheel or drag); undefined when zoomed out fully. */
  onZoom?: (window: XWindow | undefined) => void;
  /** Dragging across the plot selects the range to zoom into (the toolbox's zoom tool, kept on). */
  isDragZoom?: boolean;
  style?: CSSProperties;
  className?: string;
  "aria-label"?: string;
  /** Charts of one group share the cursor and the tooltip (echarts connect): system and training charts. */
  group?: string;
}

export function EChart({ option, onZoom, isDragZoom = false, style, className, group, ...aria }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ECharts | null>(null);
  const onZoomRef = useRef(onZoom);
  onZoomRef.current = onZoom;

  useEffect(() => {
    const container = containerRef.current!;
    const chart = init(container, undefined, { renderer: "canvas" });
    chartRef.current = chart;
    let renders = 0;
    // A data attribute that tests and the benchmark wait on: the chart finished drawing n times.
    chart.on("finished", () => container.setAttribute("data-rendered", String(++renders)));
    chart.on("datazoom", () => onZoomRef.current?.(readXWindow(chart)));
    const resizer = new ResizeObserver(() => chart.resize());
    resizer.observe(container);
    return () => {
      resizer.disconnect();
      chart.dispose();
      chartRef.current = null;
    };
  }, []);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || !group) return;
    chart.group = group;
    connect(group);
  }, [group]);

  useEffect(() => {
    const chart = chartRef.current;
    if (!chart) return;
    // Series are replaced (a run that left the chart goes); the legend keeps what the user toggled.
    chart.setOption(option, { replaceMerge: ["series", "dataZoom"], lazyUpdate: false });
    if (isDragZoom) chart.dispatchAction({ type: "takeGlobalCursor", key: "dataZoomSelect", dataZoomSelectActive: true });
  }, [option, isDragZoom]);

  return <div ref={containerRef} style={style} className={className} role="img" aria-label={aria["aria-label"]} />;
}

function readXWindow(chart: ECharts): XWindow | undefined {
  const zoom = (chart.getOption() as { dataZoom?: { start?: number; end?: number; startValue?: number; endValue?: number }[] }).dataZoom?.[0];
  if (!zoom || zoom.startValue === undefined || zoom.endValue === undefined) return undefined;
  if ((zoom.start ?? 0) <= 0 && (zoom.end ?? 100) >= 100) return undefined;
  return { min: zoom.startValue, max: zoom.endValue };
}
