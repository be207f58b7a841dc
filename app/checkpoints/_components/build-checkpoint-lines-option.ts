import type { EChartsOption } from "echarts";
import type { ChartTheme } from "@/app/_components/charts/chart-theme";
import type { MatrixCheckpoint } from "./checkpoint-matrix";

/** One line of the chart: a run's checkpoints on one dataset, as (checkpoint step, value) points. */
export interface CheckpointLine {
  runId: string;
  dataset: string;
  name: string;
  points: [number, number][];
}

const DASHES = ["solid", "dashed", "dotted"] as const;

/**
 * Lines of `metricKey` vs checkpoint step, one per (run, dataset), in the order the runs are given.
 * Checkpoints without a step or without a finite value are left out of the line.
 */
export function checkpointLines(checkpoints: MatrixCheckpoint[], metricKey: string, runNames: Map<string, string>): CheckpointLine[] {
  const lines = new Map<string, CheckpointLine>();
  for (const c of checkpoints) {
    for (const m of c.metrics) {
      if (m.key !== metricKey || c.step === null || typeof m.value !== "number" || !Number.isFinite(m.value)) continue;
      const dataset = m.datasetName ?? "";
      const id = JSON.stringify([c.runId, dataset]);
      let line = lines.get(id);
      if (!line) {
        line = { runId: c.runId, dataset, name: `${runNames.get(c.runId) ?? c.runId} · ${dataset || "(no dataset)"}`, points: [] };
        lines.set(id, line);
      }
      line.points.push([c.step, m.value]);
    }
  }
  for (const line of lines.values()) line.points.sort((a, b) => a[0] - b[0]);
  return [...lines.values()];
}

/** The echarts option: colour per run, dash per dataset, a dot at every checkpoint. */
export function buildCheckpointLinesOption(lines: CheckpointLine[], opts: { metricKey: string; colors: Map<string, string>; theme: ChartTheme }): EChartsOption {
  const datasets = [...new Set(lines.map((l) => l.dataset))].sort();
  const axis = { axisLine: { lineStyle: { color: opts.theme.axisLine } }, axisLabel: { color: opts.theme.muted }, splitLine: { lineStyle: { color: opts.theme.gridLine } } };
  return {
    animation: false,
    grid: { left: 56, right: 16, top: 40, bottom: 40 },
    legend: { type: "scroll", top: 0, textStyle: { color: opts.theme.text } },
    tooltip: { trigger: "axis", backgroundColor: opts.theme.tooltipBackground, textStyle: { color: opts.theme.text } },
    xAxis: { type: "value", name: "checkpoint step", nameLocation: "middle", nameGap: 26, nameTextStyle: { color: opts.theme.muted }, scale: true, ...axis },
    yAxis: { type: "value", name: opts.metricKey, nameTextStyle: { color: opts.theme.muted }, scale: true, ...axis },
    series: lines.map((line) => ({
      type: "line",
      name: line.name,
      data: line.points,
      showSymbol: true,
      symbolSize: 7,
      color: opts.colors.get(line.runId),
      lineStyle: { type: DASHES[datasets.indexOf(line.dataset) % DASHES.length], width: 2 },
    })),
  };
}
