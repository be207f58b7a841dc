import type { EChartsOption } from "echarts";
import { formatAxisValue } from "./axis-format";
import type { ChartTheme } from "./chart-theme";

// Option builders for the portal dashboard's panels: runs per day (bars over every day of the
// window, empty days included), ranked bars (per user, per status, GPU-hours) and a metric's trend.

const DAY_MS = 86_400_000;

/** "2023-11-15": a UTC day (days since the epoch) as the dashboard names it. */
export const formatDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Every day from the first to the last (or the window's bounds), with 0 where no run started. */
export function fillDays(rows: { day: number; runs: number }[], bounds: { fromDay?: number; toDay?: number } = {}): { day: number; runs: number }[] {
  if (rows.length === 0 && (bounds.fromDay === undefined || bounds.toDay === undefined)) return [];
  const first = bounds.fromDay ?? rows[0].day;
  const last = bounds.toDay ?? rows[rows.length - 1].day;
  const byDay = new Map(rows.map((r) => [r.day, r.runs]));
  const filled = [];
  for (let day = first; day <= last; day++) filled.push({ day, runs: byDay.get(day) ?? 0 });
  return filled;
}

function axisStyle(theme: ChartTheme) {
  return {
    axisLine: { lineStyle: { color: theme.axisLine } },
    axisLabel: { color: theme.muted },
    splitLine: { lineStyle: { color: theme.gridLine } },
  };
}

function tooltipStyle(theme: ChartTheme) {
  return { backgroundColor: theme.tooltipBackground, borderColor: theme.axisLine, textStyle: { color: theme.text, fontSize: 12 } };
}

export function buildDailyRunsOption(input: { days: { day: number; runs: number }[]; color: string; theme: ChartTheme }): EChartsOption {
  const { theme } = input;
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", ...tooltipStyle(theme) },
    xAxis: { type: "category", data: input.days.map((d) => formatDay(d.day)), ...axisStyle(theme) },
    yAxis: { type: "value", minInterval: 1, ...axisStyle(theme) },
    series: [{ type: "bar", name: "Runs started", data: input.days.map((d) => d.runs), itemStyle: { color: input.color }, barMaxWidth: 28 }],
  };
}

export interface RankedBar {
  label: string;
  value: number;
  color?: string;
}

/** Horizontal bars, largest on top (rows come sorted largest first, as the aggregates return them). */
export function buildRankedBarOption(input: { bars: RankedBar[]; valueName: string; color: string; theme: ChartTheme }): EChartsOption {
  const { theme } = input;
  const bars = [...input.bars].reverse();
  return {
    animation: false,
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, ...tooltipStyle(theme) },
    xAxis: { type: "value", ...axisStyle(theme), axisLabel: { color: theme.muted, formatter: (v: number) => formatAxisValue(v) } },
    yAxis: { type: "category", data: bars.map((b) => b.label), ...axisStyle(theme), axisLabel: { color: theme.text, width: 140, overflow: "truncate" } },
    series: [
      {
        type: "bar",
        name: input.valueName,
        data: bars.map((b) => ({ value: b.value, itemStyle: { color: b.color ?? input.color } })),
        barMaxWidth: 22,
        label: { show: true, position: "right", color: theme.text, formatter: (p: { value: unknown }) => formatAxisValue(Number(p.value)) },
      },
    ],
  };
}

export interface MetricDay {
  day: number;
  runs: number;
  best: number;
  last: number;
}

/** The best value up to and including each day: the line a team lead reads as "are we improving". */
export function bestSoFar(perDay: MetricDay[], goal: "min" | "max"): number[] {
  const out: number[] = [];
  let best = goal === "min" ? Infinity : -Infinity;
  for (const d of perDay) {
    best = goal === "min" ? Math.min(best, d.best) : Math.max(best, d.best);
    out.push(best);
  }
  return out;
}

export const METRIC_TREND_SERIES = { best: "Best of the day", last: "Last run of the day", record: "Best so far" } as const;

export function buildMetricTrendOption(input: { perDay: MetricDay[]; goal: "min" | "max"; metricKey: string; colors: [string, string, string]; theme: ChartTheme }): EChartsOption {
  const { theme, perDay } = input;
  const x = (i: number) => perDay[i].day * DAY_MS;
  const line = (name: string, values: number[], color: string, extra: Record<string, unknown> = {}) => ({
    type: "line" as const,
    name,
    data: values.map((v, i) => [x(i), v]),
    color,
    showSymbol: true,
    symbolSize: 6,
    ...extra,
  });
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, textStyle: { color: theme.text } },
    tooltip: { trigger: "axis", ...tooltipStyle(theme) },
    // Points are whole days: ticks closer than a day would label hours no point sits on.
    xAxis: { type: "time", minInterval: DAY_MS, ...axisStyle(theme), axisLabel: { color: theme.muted, formatter: (v: number) => formatDay(Math.floor(v / DAY_MS)) } },
    yAxis: { type: "value", scale: true, name: input.metricKey, nameTextStyle: { color: theme.muted }, ...axisStyle(theme), axisLabel: { color: theme.muted, formatter: (v: number) => formatAxisValue(v) } },
    series: [
      line(METRIC_TREND_SERIES.best, perDay.map((d) => d.best), input.colors[0]),
      line(METRIC_TREND_SERIES.last, perDay.map((d) => d.last), input.colors[1], { lineStyle: { type: "dashed" } }),
      line(METRIC_TREND_SERIES.record, bestSoFar(perDay, input.goal), input.colors[2], { step: "end", showSymbol: false }),
    ],
  };
}
