// The checkpoint × (dataset, metric) matrix, built from plain data so it can be unit-tested and
// timed: one column per (dataset, metric), a heat level per cell, the best checkpoint of each
// column and every cell's difference from a chosen baseline checkpoint.

export type Direction = "min" | "max";

/** A metric value as tRPC sends it: non-finite values as MLflow's words. */
export type MetricValue = number | "NaN" | "Infinity" | "-Infinity";

export interface MatrixCheckpoint {
  modelId: string;
  name: string;
  runId: string;
  step: number | null;
  metrics: { key: string; value: MetricValue; datasetName?: string; datasetDigest?: string }[];
}

export interface MatrixColumn {
  id: string;
  key: string;
  /** "" for metrics logged without a dataset. */
  dataset: string;
  direction: Direction | null;
  /** Checkpoint (model id) with the best finite value; null without a direction or values. */
  bestModelId: string | null;
}

export interface MatrixCell {
  value: MetricValue | null;
  /** 0 (worst) … 1 (best) with a direction, else 0 (lowest) … 1 (highest); null: no finite value. */
  heat: number | null;
  /** value − baseline's value, when both are finite and a baseline is chosen. */
  delta: number | null;
  /** The delta is an improvement (by the column's direction); null when unknown or zero. */
  isBetter: boolean | null;
}

export interface MatrixRow {
  checkpoint: MatrixCheckpoint;
  cells: MatrixCell[];
}

export interface CheckpointMatrix {
  columns: MatrixColumn[];
  rows: MatrixRow[];
  baselineModelId: string | null;
}

// Words are matched as parts of the name (split at / _ - . space and case changes), so "val_loss"
// and "eval/accuracy" are found while "lossless_ratio" is not taken for a loss.
const LOWER_IS_BETTER = ["loss", "error", "err", "mse", "mae", "rmse", "mape", "perplexity", "ppl", "wer", "cer", "nll", "latency", "fpr", "fnr", "eer"];
const HIGHER_IS_BETTER = ["acc", "accuracy", "f1", "auc", "roc", "precision", "recall", "bleu", "rouge", "map", "iou", "dice", "r2", "score", "top1", "top5", "ndcg", "mrr", "tpr", "sensitivity", "specificity", "exact", "em"];

/** The direction a metric's name suggests (loss/error ↓, acc/f1/auc ↑), or null when it says nothing. */
export function guessDirection(key: string): Direction | null {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9@]+/)
    .flatMap((w) => w.split("@"));
  // The last telling word decides: "loss_acc_gap" is unclear, but "val_accuracy" and "eval/loss" are not.
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i];
    if (LOWER_IS_BETTER.includes(word)) return "min";
    if (HIGHER_IS_BETTER.includes(word) || /^(acc|top)\d+$/.test(word)) return "max";
  }
  return null;
}

export const columnId = (dataset: string, key: string) => `${key}@${dataset}`;

const finite = (value: MetricValue | null): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

/**
 * Builds the matrix. `directions` overrides the guessed direction per metric key ("none" turns
 * the best badge off); a baseline that is not among the checkpoints is ignored.
 */
export function buildCheckpointMatrix(
  checkpoints: MatrixCheckpoint[],
  options: { baselineModelId?: string | null; directions?: Record<string, Direction | "none"> } = {},
): CheckpointMatrix {
  const columnIndex = new Map<string, number>();
  const specs: { key: string; dataset: string }[] = [];
  for (const checkpoint of checkpoints) {
    for (const m of checkpoint.metrics) {
      const id = columnId(m.datasetName ?? "", m.key);
      if (!columnIndex.has(id)) {
        columnIndex.set(id, specs.length);
        specs.push({ key: m.key, dataset: m.datasetName ?? "" });
      }
    }
  }
  // Grouped by dataset (metrics without one first), metrics by name within it.
  const order = specs.map((_, i) => i).sort((a, b) => cmp(specs[a].dataset, specs[b].dataset) || cmp(specs[a].key, specs[b].key));
  const position = new Map(order.map((specIndex, pos) => [specIndex, pos]));
  const width = specs.length;

  const values: (MetricValue | null)[][] = checkpoints.map((checkpoint) => {
    const row: (MetricValue | null)[] = new Array(width).fill(null);
    for (const m of checkpoint.metrics) row[position.get(columnIndex.get(columnId(m.datasetName ?? "", m.key))!)!] = m.value;
    return row;
  });
  const baselineIndex = options.baselineModelId ? checkpoints.findIndex((c) => c.modelId === options.baselineModelId) : -1;

  const columns: MatrixColumn[] = [];
  const heats: (number | null)[][] = checkpoints.map(() => new Array(width).fill(null));
  for (let col = 0; col < width; col++) {
    const { key, dataset } = specs[order[col]];
    const override = options.directions?.[key];
    const direction = override === "none" ? null : (override ?? guessDirection(key));
    let min = Infinity;
    let max = -Infinity;
    let best = -1;
    for (let row = 0; row < checkpoints.length; row++) {
      const v = finite(values[row][col]);
      if (v === null) continue;
      if (v < min) min = v;
      if (v > max) max = v;
      // Ties keep the earlier checkpoint: reaching a value sooner is the better checkpoint.
      const bestValue = best < 0 ? null : (finite(values[best][col]) as number);
      if (direction && (bestValue === null || (direction === "min" ? v < bestValue : v > bestValue))) best = row;
    }
    for (let row = 0; row < checkpoints.length; row++) {
      const v = finite(values[row][col]);
      if (v === null) continue;
      const level = max === min ? 1 : (v - min) / (max - min);
      heats[row][col] = direction === "min" ? 1 - level : level;
    }
    columns.push({ id: columnId(dataset, key), key, dataset, direction, bestModelId: best < 0 ? null : checkpoints[best].modelId });
  }

  const rows = checkpoints.map((checkpoint, row) => ({
    checkpoint,
    cells: values[row].map((value, col): MatrixCell => {
      const v = finite(value);
      const base = baselineIndex < 0 ? null : finite(values[baselineIndex][col]);
      const delta = v === null || base === null ? null : v - base;
      const direction = columns[col].direction;
      return { value, heat: heats[row][col], delta, isBetter: delta === null || delta === 0 || !direction ? null : (direction === "min") === delta < 0 };
    }),
  }));
  return { columns, rows, baselineModelId: baselineIndex < 0 ? null : checkpoints[baselineIndex].modelId };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
