"use client";
// The one file that touches echarts: registration of the parts we use (a small bundle), init,
// setOption, resize, dispose. Every chart's option comes from a pure build-*-option.ts.
import { BarChart, CustomChart, LineChart, ParallelChart, ScatterChart } from "echarts/charts";
import {
  DataZoomInsideComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  ParallelComponent,
  ToolboxComponent,
  TooltipComponent,
} from "echarts/components";
import { connect, init, use, type ECharts } from "echarts/core";
import type { EChartsOption } from "echarts";
import { CanvasRenderer } from "echarts/renderers";
import { useEffect, useRef, type CSSProperties } from "react";

use([BarChart, LineChart, CustomChart, ScatterChart, ParallelChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, DataZoomInsideComponent, ToolboxComponent, ParallelComponent, CanvasRenderer]);

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
  /** A click on a data item (a bar, a point): its series and index in that series' data. */
  onItemClick?: (item: { seriesIndex: number; dataIndex: number }) => void;
  style?: CSSProperties;
  className?: string;
  "aria-label"?: string;
  /** Charts of one group share the cursor and the tooltip (echarts connect): system and training charts. */
  group?: string;
}

export function EChart({ option, onZoom, onItemClick, isDragZoom = false, style, className, group, ...aria }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<ECharts | null>(null);
  const onZoomRef = useRef(onZoom);
  onZoomRef.current = onZoom;
  // Whether the drag-to-zoom cursor is on: taking it costs a full redraw, so only when it changes.
  const isCursorTaken = useRef(false);
  const onItemClickRef = useRef(onItemClick);
  onItemClickRef.current = onItemClick;

  useEffect(() => {
    const container = containerRef.current!;
    const chart = init(container, undefined, { renderer: "canvas" });
    chartRef.current = chart;
    isCursorTaken.current = false;
    let renders = 0;
    // A data attribute that tests and the benchmark wait on: the chart finished drawing n times.
    chart.on("finished", () => container.setAttribute("data-rendered", String(++renders)));
    chart.on("datazoom", () => onZoomRef.current?.(readXWindow(chart)));
    chart.on("click", (e) => onItemClickRef.current?.({ seriesIndex: e.seriesIndex ?? 0, dataIndex: e.dataIndex }));
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
    // The toolbox keeps the cursor across setOption (it is merged, not replaced).
    if (isCursorTaken.current !== isDragZoom) {
      chart.dispatchAction({ type: "takeGlobalCursor", key: "dataZoomSelect", dataZoomSelectActive: isDragZoom });
      isCursorTaken.current = isDragZoom;
    }
  }, [option, isDragZoom]);

  return <div ref={containerRef} style={style} className={className} role="img" aria-label={aria["aria-label"]} />;
}

function readXWindow(chart: ECharts): XWindow | undefined {
  const zoom = (chart.getOption() as { dataZoom?: { start?: number; end?: number; startValue?: number; endValue?: number }[] }).dataZoom?.[0];
  if (!zoom || zoom.startValue === undefined || zoom.endValue === undefined) return undefined;
  if ((zoom.start ?? 0) <= 0 && (zoom.end ?? 100) >= 100) return undefined;
  return { min: zoom.startValue, max: zoom.endValue };
}
