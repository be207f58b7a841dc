import type { EChartsOption } from "echarts";
import { escapeHtml, type ChartTheme } from "./chart-theme";

export interface ParallelAxisInput {
  label: string;
  /** Numbers on a value axis; anything else on a category axis of its distinct values. */
  isNumeric: boolean;
  /** One per run, in the order of `runs`. */
  values: (string | number | undefined)[];
}

export interface ParallelOptionInput {
  axes: ParallelAxisInput[];
  runs: { runId: string; label: string; color: string }[];
  theme: ChartTheme;
}

const placeable = (axis: ParallelAxisInput, v: string | number | undefined) => {
  if (v === undefined) return null;
  if (!axis.isNumeric) return String(v);
  const n = typeof v === "number" ? v : Number(v);
  return Number.isFinite(n) ? n : null;
};

/** Parallel coordinates: one axis per chosen param or metric, one line per run in its colour. */
export function buildParallelOption(input: ParallelOptionInput): EChartsOption {
  const { theme } = input;
  const axisStyle = {
    nameTextStyle: { color: theme.text, fontSize: 12 },
    axisLine: { lineStyle: { color: theme.axisLine } },
    axisLabel: { color: theme.muted, fontSize: 11 },
  };
  return {
    animation: false,
    parallel: { left: 60, right: 80, top: 50, bottom: 30, parallelAxisDefault: { nameLocation: "end", nameGap: 16, ...axisStyle } },
    parallelAxis: input.axes.map((axis, dim) => {
      if (axis.isNumeric) return { dim, name: axis.label, type: "value", scale: true };
      const categories = [...new Set(axis.values.flatMap((v) => (v === undefined ? [] : [String(v)])))].sort();
      return { dim, name: axis.label, type: "category", data: categories };
    }),
    tooltip: {
      trigger: "item",
      backgroundColor: theme.tooltipBackground,
      borderColor: theme.axisLine,
      textStyle: { color: theme.text, fontSize: 12 },
      formatter: (p: unknown) => escapeHtml((p as { name?: string }).name ?? ""),
    },
    series: [
      {
        type: "parallel",
        smooth: false,
        lineStyle: { width: 1.5, opacity: 0.75 },
        emphasis: { lineStyle: { width: 3, opacity: 1 } },
        data: input.runs.map((run, i) => ({
          name: run.label,
          value: input.axes.map((axis) => placeable(axis, axis.values[i])),
          lineStyle: { color: run.color },
        })),
      },
    ],
  } as EChartsOption;
}
