import { describe, expect, it } from "vitest";
import { LIGHT_CHART_THEME } from "@/app/_components/charts/chart-theme";
import { buildCheckpointLinesOption, checkpointLines } from "./build-checkpoint-lines-option";
import type { MatrixCheckpoint } from "./checkpoint-matrix";

const checkpoints: MatrixCheckpoint[] = [
  { modelId: "m-2", name: "c2", runId: "r1", step: 20, metrics: [{ key: "loss", value: 0.5, datasetName: "val" }, { key: "loss", value: 0.3, datasetName: "train" }] },
  { modelId: "m-1", name: "c1", runId: "r1", step: 10, metrics: [{ key: "loss", value: 0.8, datasetName: "val" }, { key: "acc", value: 0.4, datasetName: "val" }] },
  { modelId: "m-3", name: "c3", runId: "r2", step: 10, metrics: [{ key: "loss", value: "NaN", datasetName: "val" }, { key: "loss", value: 0.9 }] },
  { modelId: "m-4", name: "c4", runId: "r2", step: null, metrics: [{ key: "loss", value: 0.1, datasetName: "val" }] },
];

describe("checkpointLines", () => {
  it("makes one line per (run, dataset) of the chosen metric, sorted by step, without NaN or step-less checkpoints", () => {
    expect(checkpointLines(checkpoints, "loss", new Map([["r1", "run one"]]))).toEqual([
      { runId: "r1", dataset: "val", name: "run one · val", points: [[10, 0.8], [20, 0.5]] },
      { runId: "r1", dataset: "train", name: "run one · train", points: [[20, 0.3]] },
      { runId: "r2", dataset: "", name: "r2 · (no dataset)", points: [[10, 0.9]] },
    ]);
  });

  it("colours lines by run and dashes them by dataset", () => {
    const lines = checkpointLines(checkpoints, "loss", new Map());
    const option = buildCheckpointLinesOption(lines, { metricKey: "loss", colors: new Map([["r1", "#111"], ["r2", "#222"]]), theme: LIGHT_CHART_THEME });
    const series = option.series as { name: string; color: string; lineStyle: { type: string } }[];
    expect(series.map((s) => [s.name, s.color, s.lineStyle.type])).toEqual([
      ["r1 · val", "#111", "dotted"],
      ["r1 · train", "#111", "dashed"],
      ["r2 · (no dataset)", "#222", "solid"],
    ]);
  });
});
