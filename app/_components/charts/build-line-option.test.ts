import { describe, expect, test } from "vitest";
import type { CustomSeriesOption, LineSeriesOption } from "echarts";
import { BANDS_SERIES_ID, buildLineOption, formatLineTooltip, pixelMapping, seriesId, type LineOptionInput } from "./build-line-option";
import type { ChartPoint } from "./chart-points";
import { LIGHT_CHART_THEME } from "./chart-theme";

const pt = (x: number, y: number, min = y, max = y): ChartPoint => ({ x, y, min, max, step: x, count: 1 });

function input(patch: Partial<LineOptionInput> = {}): LineOptionInput {
  return {
    series: [
      { runId: "a", label: "run a", color: "#111111", points: [pt(0, 4, 3, 6), pt(1, 2, 1, 2), pt(2, Number.NaN, Number.NaN, Number.NaN)] },
      { runId: "b", label: "run <b>", color: "#222222", points: [pt(0, 1), pt(1, 0.5)] },
    ],
    xKind: "step",
    smoothing: 0,
    logY: false,
    ignoreOutliers: false,
    theme: LIGHT_CHART_THEME,
    ...patch,
  };
}

const seriesOf = (option: ReturnType<typeof buildLineOption>) => option.series as (LineSeriesOption | CustomSeriesOption)[];
const byId = (option: ReturnType<typeof buildLineOption>, id: string) => seriesOf(option).find((s) => s.id === id);
/** A series' flat typed data as rows of `width` numbers. */
const rowsOf = (data: unknown, width: number) => {
  expect(data).toBeInstanceOf(Float64Array);
  const flat = Array.from(data as Float64Array);
  return Array.from({ length: flat.length / width }, (_, i) => flat.slice(i * width, i * width + width));
};
type Polygon = { shape: { points: number[][] }; style: { fill: string } };
type RenderBands = (p: { dataIndexInside: number; coordSys: { x: number; width: number } }, a: { coord(p: number[]): number[] }) => { type: "group"; children: Polygon[] } | null;
const bandsOf = (option: ReturnType<typeof buildLineOption>) => byId(option, BANDS_SERIES_ID) as CustomSeriesOption;

describe("buildLineOption", () => {
  test("a raw line per run in its colour; NaN becomes a gap; no echarts legend (the card lists runs in HTML)", () => {
    const option = buildLineOption(input());
    const raw = byId(option, seriesId("a", "raw")) as LineSeriesOption;
    // x, y, and the bucket's min and max, which only widen the y axis (encoded on y after the drawn value).
    expect(rowsOf(raw.data, 4)).toEqual([[0, 4, 3, 6], [1, 2, 1, 2], [2, NaN, NaN, NaN]]);
    expect(raw.encode).toEqual({ x: 0, y: [1, 2, 3] });
    expect(raw.color).toBe("#111111");
    expect(raw.lineStyle?.color).toBe("#111111");
    expect(raw.name).toBe("run a");
    expect(option.legend).toBeUndefined();
  });

  test("a run toggled off in the legend is left out: its line, band, tooltip row and y range", () => {
    const option = buildLineOption(input({ hiddenRunIds: new Set(["a"]), ignoreOutliers: true }));
    expect(seriesOf(option).map((s) => s.id)).toEqual([seriesId("b", "raw")]);
    // Only run b's values (0.5 and 1) span the y axis.
    const y = option.yAxis as { min: number; max: number };
    expect(y.min).toBeGreaterThan(0.4);
    expect(y.max).toBeLessThan(1.1);
    const tooltip = (option.tooltip as { formatter: (p: unknown) => string }).formatter([{ seriesId: seriesId("b", "raw"), dataIndex: 0 }, { seriesId: seriesId("a", "raw"), dataIndex: 0 }]);
    expect(tooltip).toContain("run &#60;b&#62;");
    expect(tooltip).not.toContain("run a");
  });

  test("a min/max band only for runs whose buckets hold more than one value, all drawn by one series", () => {
    const option = buildLineOption(input());
    const bands = bandsOf(option);
    expect(bands.type).toBe("custom");
    expect(seriesOf(option).filter((s) => s.type === "custom")).toHaveLength(1);
    // Its items are anchors for the polygons (first, every 8th, last); the NaN bucket is left out.
    expect(rowsOf(bands.data, 2)).toEqual([[0, 6], [1, 2]]);
    const api = { coord: ([x, y]: number[]) => [x * 10, y * 100] };
    const group = (bands.renderItem as unknown as RenderBands)({ dataIndexInside: 0, coordSys: { x: -1000, width: 3000 } }, api)!;
    expect(group.children.map((c) => c.style.fill)).toEqual(["#111111"]); // run b's buckets are single values
    expect(bandsOf(buildLineOption(input({ series: [input().series[1]] })))).toBeUndefined();
  });

  test("each band polygon runs along the maxima and back along the minima, drawn once from the first anchor shown", () => {
    const a = input().series[0];
    const bands = bandsOf(buildLineOption(input({ series: [a, { ...a, runId: "c", color: "#333333", points: [pt(0, 1, 0, 2), pt(1, 1, 0, 3)] }] })));
    const api = { coord: ([x, y]: number[]) => [x * 10, y * 100] };
    const render = bands.renderItem as unknown as RenderBands;
    const wide = { x: -1000, width: 3000 };
    expect(render({ dataIndexInside: 1, coordSys: wide }, api)).toBeNull();
    const group = render({ dataIndexInside: 0, coordSys: wide }, api)!;
    expect(group.type).toBe("group");
    expect(group.children.map((c) => c.style.fill)).toEqual(["#111111", "#333333"]);
    expect(group.children[0].shape.points).toEqual([[0, 600], [10, 200], [10, 100], [0, 300]]);
    expect(group.children[1].shape.points).toEqual([[0, 200], [10, 300], [10, 0], [0, 0]]);
  });

  test("the band polygon keeps the edges on screen and one beyond each side; anchors every 8th point of each run", () => {
    const points = Array.from({ length: 10 }, (_, i) => pt(i, i, i - 1, i + 1));
    const bands = bandsOf(buildLineOption(input({ series: [{ runId: "a", label: "a", color: "#000", points }, { runId: "b", label: "b", color: "#111", points }] })));
    expect(rowsOf(bands.data, 2).map(([x]) => x)).toEqual([0, 8, 9, 0, 8, 9]);
    const api = { coord: ([x, y]: number[]) => [x * 10, y] };
    // Pixels 25…55 show x 2.5…5.5: edges 2 to 6 are drawn.
    const shape = (bands.renderItem as unknown as RenderBands)({ dataIndexInside: 0, coordSys: { x: 25, width: 30 } }, api)!.children[0].shape.points;
    expect(shape).toEqual([[20, 3], [30, 4], [40, 5], [50, 6], [60, 7], [60, 5], [50, 4], [40, 3], [30, 2], [20, 1]]);
  });

  test("pixelMapping maps like the axis from two coord calls, in log space on a log axis", () => {
    const edges = [pt(10, 5, 1, 100), pt(20, 5, 2, 50), pt(30, 5, 3, 30)];
    const linear = (p: number[]) => [7 + 2 * p[0], 300 - 3 * p[1]];
    const log = (p: number[]) => [7 + 2 * p[0], 300 - 40 * Math.log10(p[1])];
    for (const [x, y] of [[10, 1], [25, 42], [30, 100], [0, 1000]]) {
      expect(pixelMapping(edges, false, linear)(x, y).map((v) => Number(v.toFixed(9)))).toEqual(linear([x, y]));
      expect(pixelMapping(edges, true, log)(x, y).map((v) => Number(v.toFixed(9)))).toEqual(log([x, y]).map((v) => Number(v.toFixed(9))));
    }
  });

  test("smoothing: the raw line turns faint and an EMA line is drawn over it", () => {
    const option = buildLineOption(input({ smoothing: 0.5 }));
    const raw = byId(option, seriesId("b", "raw")) as LineSeriesOption;
    const smooth = byId(option, seriesId("b", "smooth")) as LineSeriesOption;
    expect(raw.lineStyle?.opacity).toBe(0.25);
    expect(rowsOf(smooth.data, 2)).toEqual([[0, 1], [1, (0.25 + 0.25) / 0.75]]);
    expect(byId(buildLineOption(input()), seriesId("b", "smooth"))).toBeUndefined();
  });

  test("log y: a log axis, and values it cannot show become gaps", () => {
    const option = buildLineOption(input({ logY: true, series: [{ runId: "a", label: "a", color: "#000", points: [pt(0, 0), pt(1, 10)] }] }));
    expect((option.yAxis as { type: string }).type).toBe("log");
    expect(rowsOf((byId(option, seriesId("a", "raw")) as LineSeriesOption).data, 4)).toEqual([[0, NaN, NaN, NaN], [1, 10, 10, 10]]);
  });

  test("ignore outliers: the y axis spans the 5–95 % range of the values with a 5 % margin", () => {
    const points = Array.from({ length: 101 }, (_, i) => pt(i, i === 50 ? 1e6 : i % 10));
    const option = buildLineOption(input({ ignoreOutliers: true, series: [{ runId: "a", label: "a", color: "#000", points }] }));
    const y = option.yAxis as { min: number; max: number };
    expect(y.min).toBeCloseTo(0 - 0.45, 10);
    expect(y.max).toBeCloseTo(9 + 0.45, 10);
    // Unset, but present: the merged axis drops the clipped range when the option is turned off.
    const auto = buildLineOption(input()).yAxis as { min?: number; max?: number };
    expect(Object.keys(auto)).toEqual(expect.arrayContaining(["min", "max"]));
    expect([auto.min, auto.max]).toEqual([undefined, undefined]);
  });

  test("ignore outliers when zoomed: the range is measured on the points in the window", () => {
    const points = Array.from({ length: 100 }, (_, i) => pt(i, i < 50 ? 100 : 1 + (i % 2)));
    const y = buildLineOption(input({ ignoreOutliers: true, zoom: { min: 50, max: 99 }, series: [{ runId: "a", label: "a", color: "#000", points }] })).yAxis as { min: number; max: number };
    expect(y.min).toBeCloseTo(0.95, 10);
    expect(y.max).toBeCloseTo(2.05, 10);
  });

  test("zoom: the x window is applied to the inside data zoom", () => {
    const zoomed = buildLineOption(input({ zoom: { min: 10, max: 20 } }));
    expect((zoomed.dataZoom as object[])[0]).toMatchObject({ type: "inside", startValue: 10, endValue: 20, filterMode: "filter" });
    expect((buildLineOption(input()).dataZoom as object[])[0]).toMatchObject({ start: 0, end: 100 });
  });

  test("zoom: the x axis takes in the window, so a chart with no points there still shows it", () => {
    // val/accuracy logged at steps 0..29, the grid zoomed to 1350..1498 (or, against lr, to lr values
    // it never took): echarts clamps a dataZoom window into the data's extent unless the axis widens it.
    const zoomed = buildLineOption(input({ zoom: { min: 1350, max: 1498 } }));
    expect(zoomed.xAxis).toMatchObject({ dataMin: 1350, dataMax: 1498 });
    const metricX = buildLineOption(input({ xKind: "metric", zoom: { min: 0.0443, max: 0.049 } }));
    expect(metricX.xAxis).toMatchObject({ dataMin: 0.0443, dataMax: 0.049 });
    // Zoomed out, the keys are there but empty: echarts merges axes, and a key left out kept the old
    // window (after "Reset zoom" and a switch to another metric, the x axis still spanned steps).
    const whole = buildLineOption(input()).xAxis as { dataMin?: number; dataMax?: number };
    expect(Object.keys(whole)).toEqual(expect.arrayContaining(["dataMin", "dataMax"]));
    expect([whole.dataMin, whole.dataMax]).toEqual([undefined, undefined]);
  });

  test("zoomed smoothing: the EMA starts again at the window, not carried over the coarse points before it", () => {
    // Coarse buckets of a falling curve before the window (steps 0..90 by 10), then every step 100..104.
    const before = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1].map((y, i) => pt(i * 10, y));
    const inside = [0.5, 0.4, 0.3, 0.2, 0.1].map((y, i) => pt(100 + i, y));
    const after = [pt(200, 0.05), pt(300, 0.01)];
    const series = [{ runId: "a", label: "a", color: "#000", points: [...before, ...inside, ...after] }];
    const smooth = (zoom?: { min: number; max: number }) =>
      rowsOf((byId(buildLineOption(input({ series, smoothing: 0.9, zoom })), seriesId("a", "smooth")) as LineSeriesOption).data, 2).map((r) => r[1]);
    const zoomed = smooth({ min: 100, max: 104 });
    // Debiased, the first point in the window is its own average: on the raw line, not above it.
    expect(zoomed[before.length]).toBe(0.5);
    expect(zoomed[before.length + 1]).toBeCloseTo((0.9 * 0.1 * 0.5 + 0.1 * 0.4) / (1 - 0.81), 12);
    // Outside the window the coarse points are smoothed among themselves (and after it, afresh).
    expect(zoomed[0]).toBe(10);
    expect(zoomed[before.length + inside.length]).toBe(0.05);
    // Not zoomed: one EMA over everything drawn, which lags well above the raw line at step 100.
    expect(smooth()[before.length]).toBeGreaterThan(2);
  });

  test("zoomed smoothing against another metric: restarts where the points (in step order) enter the x window", () => {
    const points = [pt(0.1, 4), pt(0.08, 3), pt(0.05, 2), pt(0.049, 1.5), pt(0.048, 1)].map((p, step) => ({ ...p, step }));
    const series = [{ runId: "a", label: "a", color: "#000", points }];
    const option = buildLineOption(input({ series, xKind: "metric", smoothing: 0.9, zoom: { min: 0.045, max: 0.05 } }));
    const smoothed = rowsOf((byId(option, seriesId("a", "smooth")) as LineSeriesOption).data, 2).map((r) => r[1]);
    expect(smoothed[2]).toBe(2);
    expect(smoothed[1]).toBeGreaterThan(3); // the point before the window, averaged with the one before it
  });

  test("wall-clock x uses a time axis", () => {
    expect((buildLineOption(input({ xKind: "time" })).xAxis as { type: string }).type).toBe("time");
    expect((buildLineOption(input({ xKind: "relative" })).xAxis as { type: string }).type).toBe("value");
    expect((buildLineOption(input()).xAxis as { minInterval?: number }).minInterval).toBe(1);
  });
});

describe("line tooltip", () => {
  test("lists every run at the hovered x, highest first, names escaped", () => {
    const data = input();
    const html = formatLineTooltip(
      [
        { seriesId: BANDS_SERIES_ID, dataIndex: 1 },
        { seriesId: seriesId("a", "raw"), dataIndex: 1 },
        { seriesId: seriesId("b", "raw"), dataIndex: 1 },
      ],
      data,
      new Map(),
    );
    expect(html).toContain("Step 1");
    expect(html.indexOf("run a")).toBeLessThan(html.indexOf("run &#60;b&#62;"));
    expect(html).toContain("<b>2</b>");
    expect(html).toContain("<b>0.5</b>");
    expect(html).not.toContain("<b>run");
  });

  test("with smoothing: the smoothed value, the raw one beside it", () => {
    const data = input({ smoothing: 0.5 });
    const html = formatLineTooltip(
      [
        { seriesId: seriesId("b", "raw"), dataIndex: 1 },
        { seriesId: seriesId("b", "smooth"), dataIndex: 1 },
      ],
      data,
      new Map([["b", [1, 0.666667]]]),
    );
    expect(html).toContain("<b>0.666667</b>");
    expect(html).toContain("(0.5)");
  });

  test("NaN reads as NaN, and non-step axes show the step", () => {
    const html = formatLineTooltip([{ seriesId: seriesId("a", "raw"), dataIndex: 2 }], input({ xKind: "metric" }), new Map());
    expect(html).toContain("<b>NaN</b>");
    expect(html).toContain("step 2");
  });
});

describe("checkpoint markers", () => {
  const markers = [{ step: 5, label: "run a: checkpoint at step 5", color: "#111111" }];

  test("a dashed line in the run's colour at each checkpoint step", () => {
    const series = buildLineOption(input({ xKind: "step", markers })).series as { id: string; markLine?: { data: unknown[] } }[];
    expect(series.find((s) => s.id === "checkpoints")?.markLine?.data).toEqual([
      { xAxis: 5, name: "run a: checkpoint at step 5", lineStyle: { color: "#111111", type: "dashed", width: 1, opacity: 0.7 } },
    ]);
  });

  test("none when x is not the step", () => {
    const series = buildLineOption(input({ xKind: "time", markers })).series as { id: string }[];
    expect(series.some((s) => s.id === "checkpoints")).toBe(false);
  });
});
