import type { EChartsOption } from "echarts";
import { formatAxisValue } from "./axis-format";
import { escapeHtml, type ChartTheme } from "./chart-theme";

export interface ScatterOptionInput {
  points: { runId: string; label: string; color: string; x: string | number | undefined; y: number | undefined }[];
  xLabel: string;
  yLabel: string;
  /** x is a non-numeric param: a category axis (log x does not apply). */
  isXCategory: boolean;
  logX: boolean;
  logY: boolean;
  theme: ChartTheme;
}

const onAxis = (v: number | undefined, isLog: boolean) => v !== undefined && Number.isFinite(v) && (!isLog || v > 0);

/** One dot per run: a param or metric against a metric, optionally on log axes. */
export function buildScatterOption(input: ScatterOptionInput): EChartsOption {
  const { theme } = input;
  const logX = input.logX && !input.isXCategory;
  const shown = input.points.filter((p) => p.x !== undefined && (input.isXCategory || onAxis(Number(p.x), logX)) && onAxis(p.y, input.logY));
  const categories = input.isXCategory ? [...new Set(shown.map((p) => String(p.x)))].sort() : undefined;
  const axisCommon = {
    nameLocation: "middle" as const,
    nameTextStyle: { color: theme.text, fontSize: 12 },
    axisLine: { lineStyle: { color: theme.axisLine } },
    axisLabel: { color: theme.muted },
    splitLine: { lineStyle: { color: theme.gridLine } },
  };
  return {
    animation: false,
    grid: { left: 20, right: 24, top: 20, bottom: 44, containLabel: true },
    tooltip: {
      trigger: "item",
      backgroundColor: theme.tooltipBackground,
      borderColor: theme.axisLine,
      textStyle: { color: theme.text, fontSize: 12 },
      formatter: (p: unknown) => {
        const { name, value } = p as { name: string; value: [string | number, number] };
        return `<b>${escapeHtml(name)}</b><br/>${escapeHtml(input.xLabel)}: ${escapeHtml(String(value[0]))}<br/>${escapeHtml(input.yLabel)}: ${escapeHtml(String(value[1]))}`;
      },
    },
    xAxis: categories
      ? { ...axisCommon, type: "category", data: categories, name: input.xLabel, nameGap: 28 }
      : { ...axisCommon, type: logX ? "log" : "value", scale: true, name: input.xLabel, nameGap: 28, axisLabel: { color: theme.muted, formatter: (v: number) => formatAxisValue(v) } },
    yAxis: { ...axisCommon, type: input.logY ? "log" : "value", scale: true, name: input.yLabel, nameGap: 48, axisLabel: { color: theme.muted, formatter: (v: number) => formatAxisValue(v) } },
    series: [
      {
        type: "scatter",
        symbolSize: 9,
        data: shown.map((p) => ({ name: p.label, value: [categories ? String(p.x) : Number(p.x), p.y!], itemStyle: { color: p.color } })),
      },
    ],
  } as EChartsOption;
}
