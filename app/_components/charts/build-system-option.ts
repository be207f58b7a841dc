import type { EChartsOption, SeriesOption } from "echarts";
import { formatAxisValue, formatX } from "./axis-format";
import type { ChartPoint } from "./chart-points";
import { axisTooltip, escapeHtml, scrollLegend, type ChartTheme } from "./chart-theme";

export interface SystemLine {
  /** Unique in the chart (the tooltip finds the line by it). */
  id: string;
  /** The legend entry; lines sharing one are toggled together (a run's GPUs on the compare page). */
  name: string;
  /** What the tooltip calls the line. */
  label: string;
  color: string;
  points: ChartPoint[];
}

/** "" for a training metric drawn beside the system charts (any sign, no unit). */
export type SystemUnit = "%" | "MB" | "MB/s" | "W" | "";

export interface SystemOptionInput {
  lines: SystemLine[];
  unit: SystemUnit;
  xKind: "time" | "relative";
  /** The same x range on every chart of a page, so that system and training charts line up. */
  xRange?: { min: number; max: number };
  theme: ChartTheme;
}

/** A cumulative counter (network megabytes since start) as a rate per second between drawn points. */
export function toRatePoints(points: readonly ChartPoint[]): ChartPoint[] {
  const rates: ChartPoint[] = [];
  for (let i = 1; i < points.length; i++) {
    const seconds = (points[i].x - points[i - 1].x) / 1000;
    const delta = points[i].y - points[i - 1].y;
    // A counter that went down was restarted (a new collector): no rate across it.
    const rate = seconds > 0 && delta >= 0 ? delta / seconds : Number.NaN;
    rates.push({ x: points[i].x, y: rate, min: rate, max: rate, step: points[i].step, count: points[i].count });
  }
  return rates;
}

const DURATION_STEPS = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400, 172800].map((s) => s * 1000);

/** A tick interval for a time-since-start axis that lands on round durations (10m, 1h, 1d), ≤ 8 ticks. */
export function durationTickInterval(spanMs: number): number {
  return DURATION_STEPS.find((step) => spanMs / step <= 8) ?? Math.ceil(spanMs / 8 / 86_400_000) * 86_400_000;
}

const formatValue = (value: number, unit: SystemUnit) => (Number.isFinite(value) ? `${Number(value.toPrecision(4))}${unit ? ` ${unit}` : ""}` : "—");

/** One system chart: a line per GPU, node or run on wall time (or time since start), one unit. */
export function buildSystemOption(input: SystemOptionInput): EChartsOption {
  const { theme } = input;
  const legend = [...new Set(input.lines.map((l) => l.name))];
  const series: SeriesOption[] = input.lines.map((line) => ({
    id: line.id,
    name: line.name,
    type: "line",
    data: line.points.map((p) => [p.x, Number.isFinite(p.y) ? p.y : null]),
    showSymbol: line.points.length === 1,
    symbolSize: 5,
    connectNulls: false,
    color: line.color,
    lineStyle: { width: 1.4 },
    emphasis: { disabled: true },
  }));
  const byId = new Map(input.lines.map((l) => [l.id, l]));
  const span = input.xRange ? input.xRange.max - input.xRange.min : Math.max(0, ...input.lines.map((l) => l.points.at(-1)?.x ?? 0));
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 16, bottom: legend.length > 1 ? 40 : 24, containLabel: true },
    legend: legend.length > 1 ? scrollLegend(theme, legend) : { show: false },
    tooltip: axisTooltip(theme, (params: unknown) => formatSystemTooltip(params as SystemTooltipParam[], byId, input)),
    dataZoom: [{ type: "inside", xAxisIndex: 0, filterMode: "none", zoomOnMouseWheel: true, moveOnMouseMove: true }],
    xAxis: {
      type: input.xKind === "time" ? "time" : "value",
      min: input.xRange?.min,
      max: input.xRange?.max,
      interval: input.xKind === "relative" && span > 0 ? durationTickInterval(span) : undefined,
      axisLine: { lineStyle: { color: theme.axisLine } },
      axisLabel: { color: theme.muted, hideOverlap: true, formatter: input.xKind === "time" ? undefined : (v: number) => formatX("relative", v) },
      splitLine: { show: false },
    },
    yAxis: {
      type: "value",
      min: input.unit === "" ? undefined : 0,
      scale: input.unit === "",
      // Percentages keep their 0–100 frame, so two nodes' charts compare at a glance.
      max: input.unit === "%" ? 100 : undefined,
      axisLine: { show: false },
      axisLabel: { color: theme.muted, formatter: (v: number) => `${formatAxisValue(v)}${input.unit === "%" ? "%" : ""}` },
      splitLine: { lineStyle: { color: theme.gridLine } },
    },
    series,
  };
}

export interface SystemTooltipParam {
  seriesId?: string;
  value?: unknown;
  axisValue?: number | string;
}

/** Every line at the hovered x, highest value first. */
export function formatSystemTooltip(params: readonly SystemTooltipParam[], lines: ReadonlyMap<string, SystemLine>, input: Pick<SystemOptionInput, "unit" | "xKind">): string {
  const rows: { line: SystemLine; value: number }[] = [];
  let x: number | undefined;
  for (const param of params) {
    const line = lines.get(param.seriesId ?? "");
    const pair = param.value as [number, number | null] | undefined;
    if (!line || !pair) continue;
    x ??= pair[0];
    rows.push({ line, value: pair[1] ?? Number.NaN });
  }
  if (rows.length === 0) return "";
  rows.sort((a, b) => (Number.isFinite(b.value) ? b.value : -Infinity) - (Number.isFinite(a.value) ? a.value : -Infinity));
  const header = `<div style="margin-bottom:4px;font-weight:600">${escapeHtml(formatX(input.xKind, x!))}</div>`;
  return (
    header +
    rows
      .map((r) => `<div><span style="display:inline-block;width:8px;height:8px;border-radius:4px;margin-right:6px;background:${r.line.color}"></span>${escapeHtml(r.line.label)}: <b>${escapeHtml(formatValue(r.value, input.unit))}</b></div>`)
      .join("")
  );
}
