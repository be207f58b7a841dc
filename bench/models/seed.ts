import type { Sql } from "postgres";
import { chunked, copyInto, prng, T0 } from "../search/seed";

// The seeded checkpoints, written straight into the server's tables with COPY (text format):
// RUNS training runs of STEPS checkpoints each (a logged model per step, READY, linked to its run
// as a model output), every checkpoint measured on DATASETS datasets × 2 metrics (accuracy rising
// with the step plus noise, loss falling), two params (lr: 5 values, optimizer: 2) and a tag
// (stage = 'prod' on 1% of the checkpoints). Deterministic (seeded PRNG).

export const RUNS = 100;
export const STEPS = 100;
export const MODELS = RUNS * STEPS;
export const DATASETS = [
  { name: "train", digest: "a1b2c3d4" },
  { name: "val", digest: "e5f6a7b8" },
  { name: "test", digest: "c9d0e1f2" },
] as const;
export const METRIC_NAMES = ["accuracy", "loss"] as const;
export const LEARNING_RATES = ["0.1", "0.03", "0.01", "0.003", "0.001"];

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");
export const benchRunId = (r: number) => `b0${hex(r, 30)}`;
/** Checkpoint i is run floor(i / STEPS) at step i % STEPS. */
export const benchModelId = (i: number) => `m-c0${hex(i, 30)}`;

export async function seedCheckpoints(sql: Sql, experimentId: number, artifactLocation: string): Promise<Record<string, number>> {
  const random = prng(11);
  const runOf = (i: number) => Math.floor(i / STEPS);
  const stepOf = (i: number) => i % STEPS;
  const created = (i: number) => T0 + runOf(i) * 10_000_000 + stepOf(i) * 60_000;

  const run = (r: number) =>
    [benchRunId(r), `train-${r}`, experimentId, "bench", "FINISHED", T0 + r * 10_000_000, T0 + r * 10_000_000 + 6_000_000, "\\N", "active", `${artifactLocation}/${benchRunId(r)}/artifacts`].join("\t") + "\n";
  const model = (i: number) =>
    [
      benchModelId(i), experimentId, `ckpt-${runOf(i)}-${stepOf(i)}`, `${artifactLocation}/models/${benchModelId(i)}/artifacts`,
      created(i), created(i), 2, "active", "\\N", benchRunId(runOf(i)), "\\N",
    ].join("\t") + "\n";
  const metric = (j: number) => {
    const i = Math.floor(j / (DATASETS.length * METRIC_NAMES.length));
    const d = DATASETS[Math.floor(j / METRIC_NAMES.length) % DATASETS.length];
    const name = METRIC_NAMES[j % METRIC_NAMES.length];
    const progress = stepOf(i) / STEPS;
    const value = name === "accuracy" ? 0.5 + 0.4 * progress + 0.1 * random() : 2 * (1 - progress) + 0.2 * random();
    return [benchModelId(i), name, created(i) + 1000, stepOf(i), value, experimentId, benchRunId(runOf(i)), "\\N", d.name, d.digest].join("\t") + "\n";
  };
  const param = (j: number) => {
    const i = Math.floor(j / 2);
    return j % 2 === 0
      ? `${benchModelId(i)}\t${experimentId}\tlr\t${LEARNING_RATES[runOf(i) % LEARNING_RATES.length]}\n`
      : `${benchModelId(i)}\t${experimentId}\toptimizer\t${runOf(i) % 2 === 0 ? "adam" : "sgd"}\n`;
  };
  const tag = (i: number) => `${benchModelId(i)}\t${experimentId}\tstage\t${i % 100 === 0 ? "prod" : "dev"}\n`;
  const output = (i: number) => `${hex(i, 36)}\tRUN_OUTPUT\t${benchRunId(runOf(i))}\tMODEL_OUTPUT\t${benchModelId(i)}\t${stepOf(i)}\n`;

  const metricRows = MODELS * DATASETS.length * METRIC_NAMES.length;
  await copyInto(sql, "runs", ["run_uuid", "name", "experiment_id", "user_id", "status", "start_time", "end_time", "deleted_time", "lifecycle_stage", "artifact_uri"], chunked(RUNS, run));
  await copyInto(
    sql,
    "logged_models",
    ["model_id", "experiment_id", "name", "artifact_location", "creation_timestamp_ms", "last_updated_timestamp_ms", "status", "lifecycle_stage", "model_type", "source_run_id", "status_message"],
    chunked(MODELS, model),
  );
  // Independent tables: two COPY streams at a time (the machine has two cores).
  await Promise.all([
    copyInto(
      sql,
      "logged_model_metrics",
      ["model_id", "metric_name", "metric_timestamp_ms", "metric_step", "metric_value", "experiment_id", "run_id", "dataset_uuid", "dataset_name", "dataset_digest"],
      chunked(metricRows, metric),
    ),
    copyInto(sql, "logged_model_params", ["model_id", "experiment_id", "param_key", "param_value"], chunked(MODELS * 2, param)),
  ]);
  await Promise.all([
    copyInto(sql, "logged_model_tags", ["model_id", "experiment_id", "tag_key", "tag_value"], chunked(MODELS, tag)),
    copyInto(sql, "inputs", ["input_uuid", "source_type", "source_id", "destination_type", "destination_id", "step"], chunked(MODELS, output)),
  ]);
  return { runs: RUNS, logged_models: MODELS, logged_model_metrics: metricRows, logged_model_params: MODELS * 2, logged_model_tags: MODELS, model_outputs: MODELS };
}
