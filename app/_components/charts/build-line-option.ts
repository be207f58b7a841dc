import type { CustomSeriesRenderItemAPI, CustomSeriesRenderItemParams, EChartsOption, SeriesOption } from "echarts";
import { formatAxisValue, formatX, type XKind } from "./axis-format";
import type { ChartPoint } from "./chart-points";
import { axisTooltip, escapeHtml, type ChartTheme } from "./chart-theme";
import { percentileRange } from "./outliers";
import { smoothEmaByWindow } from "./smoothing";

export interface LineSeriesInput {
  runId: string;
  /** The legend and tooltip name (unique per chart: the legend toggles by name). */
  label: string;
  color: string;
  points: ChartPoint[];
}

export interface LineOptionInput {
  series: LineSeriesInput[];
  xKind: XKind;
  /** 0 = off; the EMA weight otherwise (0 < w < 1), with the raw line kept faint. */
  smoothing: number;
  logY: boolean;
  ignoreOutliers: boolean;
  zoom?: { min?: number; max?: number };
  theme: ChartTheme;
  /** Checkpoints (logged models) as dashed vertical lines at their steps; drawn on the step axis only. */
  markers?: CheckpointMarker[];
  /** Runs toggled off in the chart's legend (an HTML list beside the canvas): left out, as is their y extent. */
  hiddenRunIds?: ReadonlySet<string>;
}

export interface CheckpointMarker {
  step: number;
  label: string;
  color: string;
}

const RAW_FAINT_OPACITY = 0.25;
const BAND_OPACITY = 0.14;

export const seriesId = (runId: string, part: "raw" | "smooth") => `${runId}:${part}`;

/** y as drawn: gaps (NaN) for NaN/±Inf, and for values a log axis cannot show. */
const drawable = (y: number, logY: boolean) => (Number.isFinite(y) && (!logY || y > 0) ? y : Number.NaN);

/**
 * Series data as one flat typed array of `width` numbers per item: echarts neither clones nor walks it
 * item by item when the option is set (arrays of [x, y] pairs were copied whole on every zoom).
 */
export function flatData<T>(items: readonly T[], width: number, write: (item: T, out: Float64Array, at: number) => void): number[] {
  const out = new Float64Array(items.length * width);
  for (let i = 0; i < items.length; i++) write(items[i], out, i * width);
  // echarts takes typed arrays as series data (its source format "typedArray"); its types only say arrays.
  return out as unknown as number[];
}

const XY_DIMENSIONS = [{ name: "x", type: "float" }, { name: "y", type: "float" }] as const;
const XY_RANGE_DIMENSIONS = [...XY_DIMENSIONS, { name: "min", type: "float" }, { name: "max", type: "float" }] as const;
/** The band's polygon is drawn from its first item shown; one item per this many points keeps one in view. */
const BAND_ANCHOR_EVERY = 8;

/** The option of one metric chart: a line per run, its min/max band, smoothing, log y, outliers, zoom. */
export function buildLineOption(given: LineOptionInput): EChartsOption {
  // Runs toggled off in the legend are left out whole: lines, bands, tooltip rows and the y range.
  const hidden = given.hiddenRunIds;
  const input = hidden && hidden.size > 0 ? { ...given, series: given.series.filter((s) => !hidden.has(s.runId)) } : given;
  const { theme, logY } = input;
  const series: SeriesOption[] = [];
  const smoothedByRun = new Map<string, number[]>();
  const bands = buildBands(input.series, logY, input.xKind !== "metric");
  if (bands) series.push(bands);
  for (const run of input.series) {
    const isSmoothed = input.smoothing > 0;
    series.push({
      id: seriesId(run.runId, "raw"),
      name: run.label,
      type: "line",
      // The line is drawn from y; min and max only widen the y axis to the band's extremes in the zoom window.
      data: flatData(run.points, 4, (p, out, at) => {
        out[at] = p.x;
        out[at + 1] = drawable(p.y, logY);
        out[at + 2] = drawable(p.min, logY);
        out[at + 3] = drawable(p.max, logY);
      }),
      dimensions: [...XY_RANGE_DIMENSIONS],
      encode: { x: 0, y: [1, 2, 3] },
      showSymbol: run.points.length === 1,
      symbolSize: 5,
      connectNulls: false,
      color: run.color,
      // The colour on the style itself: echarts otherwise looks each series up in its palette (~8 ms a zoom).
      lineStyle: { color: run.color, width: isSmoothed ? 1 : 1.5, opacity: isSmoothed ? RAW_FAINT_OPACITY : 1 },
      emphasis: { disabled: true },
      z: 2,
    });
    if (isSmoothed) {
      const smoothed = smoothEmaByWindow(run.points, input.smoothing, input.zoom);
      smoothedByRun.set(run.runId, smoothed);
      series.push({
        id: seriesId(run.runId, "smooth"),
        name: run.label,
        type: "line",
        data: flatData(run.points, 2, (p, out, at) => ((out[at] = p.x), (out[at + 1] = drawable(smoothed[at / 2], logY)))),
        dimensions: [...XY_DIMENSIONS],
        encode: { x: 0, y: 1 },
        showSymbol: false,
        color: run.color,
        lineStyle: { color: run.color, width: 1.8 },
        emphasis: { disabled: true },
        z: 3,
      });
    }
  }
  if (input.xKind === "step" && input.markers && input.markers.length > 0) series.push(buildMarkerSeries(input.markers));
  return {
    animation: false,
    color: input.series.map((s) => s.color),
    // No echarts legend: its layout was ~20 % of a zoom's redraw; the card lists the runs in HTML.
    grid: { left: 8, right: 16, top: 30, bottom: 4, containLabel: true },
    tooltip: axisTooltip(theme, (params: unknown) => formatLineTooltip(params as TooltipParam[], input, smoothedByRun)),
    toolbox: {
      right: 4,
      top: 0,
      itemSize: 13,
      iconStyle: { borderColor: theme.muted },
      feature: { dataZoom: { xAxisIndex: 0, yAxisIndex: "none", title: { zoom: "Drag to zoom", back: "Undo zoom" } } },
    },
    dataZoom: [
      {
        type: "inside",
        xAxisIndex: 0,
        // Points outside the window are filtered, so the y axis fits what is on screen.
        filterMode: "filter",
        zoomOnMouseWheel: true,
        moveOnMouseMove: false,
        moveOnMouseWheel: false,
        startValue: input.zoom?.min,
        endValue: input.zoom?.max,
        ...(input.zoom?.min === undefined && input.zoom?.max === undefined ? { start: 0, end: 100 } : {}),
      },
    ],
    xAxis: {
      type: input.xKind === "time" ? "time" : "value",
      scale: true,
      minInterval: input.xKind === "step" ? 1 : undefined, // no 0.5 steps on a short history
      // dataZoom clamps its window into the data's extent: a chart with no points in the window (a
      // shorter metric, or one against another metric) showed another range. Always set: setOption
      // merges axes, so a key left out would keep the last window's value.
      dataMin: input.zoom?.min,
      dataMax: input.zoom?.max,
      axisLine: { lineStyle: { color: theme.axisLine } },
      axisLabel: { color: theme.muted, hideOverlap: true, formatter: input.xKind === "time" ? undefined : (v: number) => formatX(input.xKind, v) },
      splitLine: { show: false },
    },
    yAxis: {
      type: logY ? "log" : "value",
      scale: true,
      ...yRange(input),
      axisLine: { show: false },
      axisLabel: { color: theme.muted, formatter: (v: number) => formatAxisValue(v), showMinLabel: !input.ignoreOutliers || logY, showMaxLabel: !input.ignoreOutliers || logY },
      splitLine: { lineStyle: { color: theme.gridLine } },
    },
    series,
  };
}

/** The one series that draws every run's min/max band (its polygons, from the first item shown). */
export const BANDS_SERIES_ID = "bands";

/**
 * The min/max bands as one polygon per run, all drawn by one custom series, instead of a stacked area
 * (echarts stacks value axes by searching x, which is quadratic) or a custom series per run (series
 * cost echarts work of their own: ~10 % less redraw CPU for 10 runs × 10 charts). Its items are only
 * anchors (each run's every BAND_ANCHOR_EVERY-th edge and its last), as echarts calls
 * renderItem for each; the raw lines' items carry min and max for the y axis.
 */
function buildBands(runs: readonly LineSeriesInput[], logY: boolean, isSortedByX: boolean): SeriesOption | undefined {
  const bands = runs.flatMap((run) => {
    const edges = run.points.filter((p) => Number.isFinite(p.min) && Number.isFinite(p.max) && (!logY || p.min > 0));
    return edges.some((p) => p.max > p.min) ? [{ run, edges }] : [];
  });
  if (bands.length === 0) return undefined;
  // Anchors in any order: the first to pass the zoom's filter draws, wherever it sits.
  const anchors = bands.flatMap(({ edges }) => edges.filter((_, i) => i % BAND_ANCHOR_EVERY === 0 || i === edges.length - 1));
  return {
    id: BANDS_SERIES_ID,
    type: "custom",
    silent: true,
    clip: true,
    z: 1,
    encode: { x: 0, y: 1 },
    dimensions: [...XY_DIMENSIONS],
    data: flatData(anchors, 2, (p, out, at) => ((out[at] = p.x), (out[at + 1] = p.max))),
    renderItem: (params: CustomSeriesRenderItemParams, api: CustomSeriesRenderItemAPI) => {
      if (params.dataIndexInside !== 0) return null; // the first anchor still shown after zoom filtering
      const { x: left, width } = params.coordSys as unknown as { x: number; width: number };
      const children = bands.map(({ run, edges }) => bandPolygon(run.color, edges, logY, isSortedByX, left, width, (point) => api.coord(point)));
      return { type: "group", children };
    },
  } as SeriesOption;
}

/** One run's band: along its maxima and back along its minima, over the edges on screen and one beyond each side. */
function bandPolygon(color: string, edges: readonly ChartPoint[], logY: boolean, isSortedByX: boolean, left: number, width: number, coord: (point: number[]) => number[]) {
  const toPixel = pixelMapping(edges, logY, coord);
  let from = 0;
  let to = edges.length;
  if (isSortedByX) {
    while (from < edges.length - 1 && toPixel(edges[from + 1].x, 0)[0] < left) from++;
    while (to > from + 1 && toPixel(edges[to - 2].x, 0)[0] > left + width) to--;
  }
  const shown = edges.slice(from, to);
  const upper = shown.map((p) => toPixel(p.x, p.max));
  const lower = shown.map((p) => toPixel(p.x, p.min)).reverse();
  return { type: "polygon" as const, shape: { points: [...upper, ...lower] }, style: { fill: color, opacity: BAND_OPACITY }, silent: true };
}

/**
 * Data → pixel for the band's edges from two api.coord calls: both axes map linearly (y in log space on a
 * log axis), and a thousand coord calls per run were most of drawing a band. Per point when x does not vary.
 */
export function pixelMapping(edges: readonly ChartPoint[], logY: boolean, coord: (point: number[]) => number[]): (x: number, y: number) => number[] {
  const x0 = edges[0].x;
  const x1 = edges[edges.length - 1].x;
  let y0 = Number.POSITIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const p of edges) (y0 = Math.min(y0, p.min)), (y1 = Math.max(y1, p.max));
  if (x0 === x1 || !(y0 < y1)) return (x, y) => coord([x, y]);
  const [px0, py0] = coord([x0, y0]);
  const [px1, py1] = coord([x1, y1]);
  const f = logY ? Math.log : (v: number) => v;
  const bx = (px1 - px0) / (x1 - x0);
  const by = (py1 - py0) / (f(y1) - f(y0));
  return (x, y) => [px0 + (x - x0) * bx, py0 + (f(y) - f(y0)) * by];
}

/**
 * "Ignore outliers": the y axis spans the 5th–95th percentile of the drawn values, with a margin;
 * the clipped ends get no label of their own (they would read 0.5196 beside the round ticks).
 */
function yRange(input: LineOptionInput): { min: number | undefined; max: number | undefined } {
  const auto = { min: undefined, max: undefined }; // set, so that the merged axis drops an earlier range
  if (!input.ignoreOutliers) return auto;
  const low = input.zoom?.min ?? Number.NEGATIVE_INFINITY;
  const high = input.zoom?.max ?? Number.POSITIVE_INFINITY;
  const values = input.series.flatMap((s) => s.points.filter((p) => p.x >= low && p.x <= high).map((p) => p.y)).filter((y) => !input.logY || y > 0);
  const range = percentileRange(values);
  if (!range) return auto;
  if (input.logY) return { min: range.min, max: range.max };
  const margin = (range.max - range.min) * 0.05 || Math.abs(range.max) * 0.05 || 1;
  return { min: range.min - margin, max: range.max + margin };
}

export interface TooltipParam {
  seriesId?: string;
  seriesType?: string;
  dataIndex: number;
  axisValue?: number | string;
}

/** Every run at the hovered x: its value (smoothed, then raw when smoothing), highest first. */
export function formatLineTooltip(params: readonly TooltipParam[], input: LineOptionInput, smoothedByRun: ReadonlyMap<string, number[]>): string {
  const byRun = new Map(input.series.map((s) => [s.runId, s]));
  const rows: { label: string; color: string; value: number; raw?: number; step: number }[] = [];
  let x: number | undefined;
  for (const param of params) {
    const [runId, part] = (param.seriesId ?? "").split(":");
    const run = byRun.get(runId);
    const point = run?.points[param.dataIndex];
    if (!run || !point) continue; // the bands' series is no run's
    if (input.smoothing > 0 && part === "raw") continue;
    x ??= point.x;
    const value = part === "smooth" ? (smoothedByRun.get(runId)?.[param.dataIndex] ?? point.y) : point.y;
    rows.push({ label: run.label, color: run.color, value, raw: part === "smooth" ? point.y : undefined, step: point.step });
  }
  if (rows.length === 0) return "";
  rows.sort((a, b) => (Number.isFinite(b.value) ? b.value : -Infinity) - (Number.isFinite(a.value) ? a.value : -Infinity));
  const header = `<div style="margin-bottom:4px;font-weight:600">${escapeHtml(xTitle(input.xKind))} ${escapeHtml(formatX(input.xKind, x!))}</div>`;
  const lines = rows.map((r) => {
    const raw = r.raw === undefined ? "" : ` <span style="opacity:.6">(${escapeHtml(formatValue(r.raw))})</span>`;
    const step = input.xKind === "step" ? "" : ` <span style="opacity:.6">step ${r.step}</span>`;
    return `<div><span style="display:inline-block;width:8px;height:8px;border-radius:4px;margin-right:6px;background:${r.color}"></span>${escapeHtml(r.label)}: <b>${escapeHtml(formatValue(r.value))}</b>${raw}${step}</div>`;
  });
  return header + lines.join("");
}

const xTitle = (kind: XKind) => ({ step: "Step", time: "Time", relative: "Since start", metric: "x =" })[kind];

function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  return String(Number(value.toPrecision(6)));
}

/** An empty series that only carries the checkpoint lines (not in the legend, no tooltip rows). */
function buildMarkerSeries(markers: CheckpointMarker[]): SeriesOption {
  return {
    id: "checkpoints",
    type: "line",
    data: [],
    silent: true,
    markLine: {
      symbol: "none",
      animation: false,
      label: { show: false },
      emphasis: { disabled: true },
      data: markers.map((m) => ({ xAxis: m.step, name: m.label, lineStyle: { color: m.color, type: "dashed", width: 1, opacity: 0.7 } })),
    },
    z: 1,
  };
}
