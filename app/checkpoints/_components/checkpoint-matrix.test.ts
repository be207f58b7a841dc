import { describe, expect, it } from "vitest";
import { buildCheckpointMatrix, guessDirection, type MatrixCheckpoint } from "./checkpoint-matrix";

const ckpt = (modelId: string, step: number, metrics: MatrixCheckpoint["metrics"]): MatrixCheckpoint => ({ modelId, name: modelId, runId: "r1", step, metrics });

const checkpoints = [
  ckpt("m-a", 1, [
    { key: "loss", value: 0.9, datasetName: "val" },
    { key: "accuracy", value: 0.6, datasetName: "val" },
    { key: "loss", value: 0.7, datasetName: "train" },
  ]),
  ckpt("m-b", 2, [
    { key: "loss", value: 0.5, datasetName: "val" },
    { key: "accuracy", value: 0.8, datasetName: "val" },
    { key: "loss", value: 0.4, datasetName: "train" },
  ]),
  ckpt("m-c", 3, [
    { key: "loss", value: 0.6, datasetName: "val" },
    { key: "accuracy", value: 0.8, datasetName: "val" },
    { key: "loss", value: "NaN", datasetName: "train" },
    { key: "throughput", value: 120 },
  ]),
];

describe("guessDirection", () => {
  it.each([
    ["loss", "min"],
    ["val_loss", "min"],
    ["eval/error_rate", "min"],
    ["valRmse", "min"],
    ["perplexity", "min"],
    ["accuracy", "max"],
    ["val_acc", "max"],
    ["eval/f1", "max"],
    ["roc_auc", "max"],
    ["top5", "max"],
    ["precision@10", "max"],
    ["lossless_ratio", null],
    ["throughput", null],
    ["lr", null],
  ] as const)("%s → %s", (key, direction) => {
    expect(guessDirection(key)).toBe(direction);
  });
});

describe("buildCheckpointMatrix", () => {
  it("makes one column per (dataset, metric), grouped by dataset, metrics without one first", () => {
    const matrix = buildCheckpointMatrix(checkpoints);
    expect(matrix.columns.map((c) => [c.dataset, c.key, c.direction])).toEqual([
      ["", "throughput", null],
      ["train", "loss", "min"],
      ["val", "accuracy", "max"],
      ["val", "loss", "min"],
    ]);
    expect(matrix.rows.map((r) => r.cells.map((c) => c.value))).toEqual([
      [null, 0.7, 0.6, 0.9],
      [null, 0.4, 0.8, 0.5],
      [120, "NaN", 0.8, 0.6],
    ]);
  });

  it("marks the best checkpoint per column by its direction; ties keep the earlier one; NaN never wins", () => {
    const matrix = buildCheckpointMatrix(checkpoints);
    expect(Object.fromEntries(matrix.columns.map((c) => [c.id, c.bestModelId]))).toEqual({
      "throughput@": null, // no direction guessed from the name
      "loss@train": "m-b",
      "accuracy@val": "m-b", // 0.8 twice: the earlier checkpoint
      "loss@val": "m-b",
    });
  });

  it("lets a chosen direction override the guess, or turn the badge off", () => {
    const matrix = buildCheckpointMatrix(checkpoints, { directions: { throughput: "max", loss: "none", accuracy: "min" } });
    expect(matrix.columns.map((c) => [c.id, c.direction, c.bestModelId])).toEqual([
      ["throughput@", "max", "m-c"],
      ["loss@train", null, null],
      ["accuracy@val", "min", "m-a"],
      ["loss@val", null, null],
    ]);
  });

  it("heats cells 1 for the best and 0 for the worst value of their column, null where no finite value", () => {
    const matrix = buildCheckpointMatrix(checkpoints);
    const heat = matrix.rows.map((r) => r.cells.map((c) => (c.heat === null ? null : Number(c.heat.toFixed(3)))));
    expect(heat).toEqual([
      [null, 0, 0, 0],
      [null, 1, 1, 1],
      [1, null, 1, 0.75],
    ]);
  });

  it("gives every cell its difference from the baseline and whether it is an improvement", () => {
    const matrix = buildCheckpointMatrix(checkpoints, { baselineModelId: "m-b" });
    expect(matrix.baselineModelId).toBe("m-b");
    const deltas = matrix.rows.map((r) => r.cells.map((c) => [c.delta === null ? null : Number(c.delta.toFixed(3)), c.isBetter]));
    expect(deltas).toEqual([
      [[null, null], [0.3, false], [-0.2, false], [0.4, false]],
      [[null, null], [0, null], [0, null], [0, null]],
      [[null, null], [null, null], [0, null], [0.1, false]],
    ]);
    const better = buildCheckpointMatrix(checkpoints, { baselineModelId: "m-a" });
    expect(better.rows[1].cells.map((c) => c.isBetter)).toEqual([null, true, true, true]);
  });

  it("ignores a baseline that is not among the checkpoints", () => {
    const matrix = buildCheckpointMatrix(checkpoints, { baselineModelId: "m-gone" });
    expect(matrix.baselineModelId).toBeNull();
    expect(matrix.rows.flatMap((r) => r.cells.map((c) => c.delta))).toEqual(new Array(12).fill(null));
  });
});
