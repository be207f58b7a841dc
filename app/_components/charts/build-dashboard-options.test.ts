import type { BarSeriesOption, LineSeriesOption } from "echarts";
import { describe, expect, test } from "vitest";
import {
  bestSoFar,
  buildDailyRunsOption,
  buildMetricTrendOption,
  buildRankedBarOption,
  fillDays,
  formatDay,
  METRIC_TREND_SERIES,
} from "./build-dashboard-options";
import { LIGHT_CHART_THEME } from "./chart-theme";

const theme = LIGHT_CHART_THEME;

describe("fillDays", () => {
  test("every day between the first and last, 0 where no run started", () => {
    expect(fillDays([{ day: 10, runs: 2 }, { day: 13, runs: 1 }])).toEqual([
      { day: 10, runs: 2 },
      { day: 11, runs: 0 },
      { day: 12, runs: 0 },
      { day: 13, runs: 1 },
    ]);
  });
  test("the window's bounds widen the range; an empty window is all zeros; no rows and no window is nothing", () => {
    expect(fillDays([{ day: 11, runs: 4 }], { fromDay: 10, toDay: 12 })).toEqual([
      { day: 10, runs: 0 },
      { day: 11, runs: 4 },
      { day: 12, runs: 0 },
    ]);
    expect(fillDays([], { fromDay: 5, toDay: 6 })).toEqual([{ day: 5, runs: 0 }, { day: 6, runs: 0 }]);
    expect(fillDays([])).toEqual([]);
  });
});

test("formatDay names the UTC date", () => {
  expect(formatDay(19_676)).toBe("2023-11-15");
  expect(formatDay(0)).toBe("1970-01-01");
});

test("buildDailyRunsOption: one bar per day, labelled by date", () => {
  const option = buildDailyRunsOption({ days: [{ day: 19_676, runs: 3 }, { day: 19_677, runs: 0 }], color: "#123456", theme });
  expect((option.xAxis as { data: string[] }).data).toEqual(["2023-11-15", "2023-11-16"]);
  const [series] = option.series as BarSeriesOption[];
  expect(series.data).toEqual([3, 0]);
  expect(series.itemStyle?.color).toBe("#123456");
});

test("buildRankedBarOption: largest bar on top (echarts draws categories bottom-up), per-bar colours kept", () => {
  const option = buildRankedBarOption({
    bars: [{ label: "alice", value: 3 }, { label: "bob", value: 1, color: "#ff0000" }],
    valueName: "Runs",
    color: "#0000ff",
    theme,
  });
  expect((option.yAxis as { data: string[] }).data).toEqual(["bob", "alice"]);
  const [series] = option.series as BarSeriesOption[];
  expect(series.data).toEqual([
    { value: 1, itemStyle: { color: "#ff0000" } },
    { value: 3, itemStyle: { color: "#0000ff" } },
  ]);
});

describe("metric trend", () => {
  const perDay = [
    { day: 1, runs: 3, best: 0.3, last: 0.4 },
    { day: 2, runs: 1, best: 0.5, last: 0.5 },
    { day: 4, runs: 2, best: 0.2, last: 0.25 },
  ];
  test("bestSoFar keeps the record in the metric's direction", () => {
    expect(bestSoFar(perDay, "min")).toEqual([0.3, 0.3, 0.2]);
    expect(bestSoFar(perDay, "max")).toEqual([0.3, 0.5, 0.5]);
  });
  test("three lines on a time axis: best of the day, last run of the day, best so far", () => {
    const option = buildMetricTrendOption({ perDay, goal: "min", metricKey: "loss", colors: ["#1", "#2", "#3"], theme });
    const series = option.series as LineSeriesOption[];
    expect(series.map((s) => s.name)).toEqual([METRIC_TREND_SERIES.best, METRIC_TREND_SERIES.last, METRIC_TREND_SERIES.record]);
    expect(series[0].data).toEqual([[86_400_000, 0.3], [172_800_000, 0.5], [345_600_000, 0.2]]);
    expect(series[1].data).toEqual([[86_400_000, 0.4], [172_800_000, 0.5], [345_600_000, 0.25]]);
    expect(series[2].data).toEqual([[86_400_000, 0.3], [172_800_000, 0.3], [345_600_000, 0.2]]);
    expect((option.yAxis as { name: string }).name).toBe("loss");
    const xAxis = option.xAxis as { type: string; minInterval: number; axisLabel: { formatter: (v: number) => string } };
    expect(xAxis).toMatchObject({ type: "time", minInterval: 86_400_000 });
    expect(xAxis.axisLabel.formatter(19_676 * 86_400_000)).toBe("2023-11-15");
  });
});
