import { describe, expect, it } from "vitest";
import { buildSystemOption, durationTickInterval, formatSystemTooltip, toRatePoints, type SystemLine } from "./build-system-option";
import { LIGHT_CHART_THEME } from "./chart-theme";
import type { ChartPoint } from "./chart-points";

const pt = (x: number, y: number, step = x): ChartPoint => ({ x, y, min: y, max: y, step, count: 1 });
const line = (id: string, name: string, points: ChartPoint[]): SystemLine => ({ id, name, label: `${name} ${id}`, color: "#123456", points });

describe("toRatePoints", () => {
  it("turns a cumulative counter into a per-second rate between points, none across a restart", () => {
    expect(toRatePoints([pt(0, 100), pt(10_000, 150), pt(20_000, 150), pt(30_000, 20), pt(30_000, 25)])).toEqual([
      pt(10_000, 5),
      pt(20_000, 0),
      pt(30_000, Number.NaN),
      pt(30_000, Number.NaN),
    ]);
    expect(toRatePoints([pt(0, 1)])).toEqual([]);
  });
});

describe("durationTickInterval", () => {
  it("picks round durations giving at most 8 ticks", () => {
    expect(durationTickInterval(3_600_000)).toBe(600_000);
    expect(durationTickInterval(45 * 60_000)).toBe(600_000);
    expect(durationTickInterval(7 * 86_400_000)).toBe(86_400_000);
    expect(durationTickInterval(30_000)).toBe(5_000);
    expect(durationTickInterval(100 * 86_400_000)).toBe(13 * 86_400_000);
  });
});

describe("buildSystemOption", () => {
  it("draws a line per GPU on a shared wall-time range, percent axis framed 0–100", () => {
    const option = buildSystemOption({
      lines: [line("g0", "gpu 0", [pt(1000, 50), pt(2000, Number.NaN)]), line("g1", "gpu 1", [pt(1500, 70)])],
      unit: "%",
      xKind: "time",
      xRange: { min: 0, max: 5000 },
      theme: LIGHT_CHART_THEME,
    });
    expect(option.xAxis).toMatchObject({ type: "time", min: 0, max: 5000 });
    expect(option.yAxis).toMatchObject({ type: "value", min: 0, max: 100 });
    expect(option.legend).toMatchObject({ data: ["gpu 0", "gpu 1"] });
    const series = option.series as { id: string; name: string; data: unknown[]; showSymbol: boolean }[];
    expect(series.map((s) => [s.id, s.name, s.data, s.showSymbol])).toEqual([
      ["g0", "gpu 0", [[1000, 50], [2000, null]], false],
      ["g1", "gpu 1", [[1500, 70]], true],
    ]);
  });

  it("shares a legend entry between lines of one name, hides a lone legend, leaves watts unframed", () => {
    const shared = buildSystemOption({ lines: [line("a0", "run a", []), line("a1", "run a", []), line("b0", "run b", [])], unit: "%", xKind: "relative", theme: LIGHT_CHART_THEME });
    expect(shared.legend).toMatchObject({ data: ["run a", "run b"] });
    expect(shared.xAxis).toMatchObject({ type: "value", min: undefined, max: undefined, interval: undefined });
    const relative = buildSystemOption({ lines: [line("a", "run a", [pt(0, 1), pt(3_600_000, 2)])], unit: "%", xKind: "relative", theme: LIGHT_CHART_THEME });
    expect(relative.xAxis).toMatchObject({ interval: 600_000 });
    const watts = buildSystemOption({ lines: [line("p", "power", [pt(0, 300)])], unit: "W", xKind: "time", theme: LIGHT_CHART_THEME });
    expect(watts.legend).toEqual({ show: false });
    expect(watts.yAxis).toMatchObject({ min: 0, max: undefined, scale: false });
    const training = buildSystemOption({ lines: [line("l", "loss", [pt(0, -2)])], unit: "", xKind: "time", theme: LIGHT_CHART_THEME });
    expect(training.yAxis).toMatchObject({ min: undefined, max: undefined, scale: true });
  });

  it("lists every line at the hovered x in the tooltip, highest first, with its unit", () => {
    const lines = [line("g0", "gpu 0", []), line("g1", "gpu 1", [])];
    const html = formatSystemTooltip(
      [
        { seriesId: "g0", value: [90_000, 12.345678] },
        { seriesId: "g1", value: [90_000, 99] },
        { seriesId: "other", value: [90_000, 1] },
      ],
      new Map(lines.map((l) => [l.id, l])),
      { unit: "W", xKind: "relative" },
    );
    expect(html).toBe(
      '<div style="margin-bottom:4px;font-weight:600">1m 30s</div>' +
        '<div><span style="display:inline-block;width:8px;height:8px;border-radius:4px;margin-right:6px;background:#123456"></span>gpu 1 g1: <b>99 W</b></div>' +
        '<div><span style="display:inline-block;width:8px;height:8px;border-radius:4px;margin-right:6px;background:#123456"></span>gpu 0 g0: <b>12.35 W</b></div>',
    );
    expect(formatSystemTooltip([], new Map(), { unit: "%", xKind: "time" })).toBe("");
  });
});
