import type { Sql } from "postgres";
import { chunked, copyInto, prng } from "../search/seed";

// A team server's shape (issue 18), written by COPY straight into the server's tables and never
// ANALYZEd by hand: EXPERIMENTS experiments; each run has 20 params, 10 metrics (one history
// point each, mirrored in latest_metrics) and 5 tags. Half of the key names are the ones every
// team logs (SHARED_*), the rest are the experiment's own, drawn from a pool of 2,000 names.
// Experiment 0 is the big one (BIG runs), experiment 1 the measured one (MEASURED runs), every
// other has OTHER runs. Deterministic (seeded PRNG).

export const SHARED_PARAMS = ["lr", "batch_size", "optimizer", "epochs", "seed", "dropout", "weight_decay", "warmup", "model", "dataset"];
export const SHARED_METRICS = ["loss", "accuracy", "val_loss", "val_accuracy", "throughput"];
export const SHARED_TAGS = ["team", "stage"];
const OWN_PARAMS = 10;
const OWN_METRICS = 5;
const OWN_TAGS = 3;
const POOL = 2_000;
export const T0 = 1_700_000_000_000;

export interface Shape {
  experiments: number;
  big: number;
  measured: number;
  other: number;
}

/** The experiment's own key names: a fixed draw from the pool (kinds use disjoint slices). */
function ownKeys(experiment: number, kind: "p" | "m" | "t", count: number): string[] {
  const random = prng(experiment * 31 + kind.charCodeAt(0));
  const keys = new Set<string>();
  while (keys.size < count) keys.add(`${kind}_${String(Math.floor(random() * POOL)).padStart(4, "0")}`);
  return [...keys];
}

export function keysOf(experiment: number) {
  return {
    params: [...SHARED_PARAMS, ...ownKeys(experiment, "p", OWN_PARAMS)],
    metrics: [...SHARED_METRICS, ...ownKeys(experiment, "m", OWN_METRICS)],
    tags: [...SHARED_TAGS, ...ownKeys(experiment, "t", OWN_TAGS)],
  };
}

export function runCount(shape: Shape, experiment: number): number {
  return experiment === 0 ? shape.big : experiment === 1 ? shape.measured : shape.other;
}

const runUuid = (experiment: number, i: number) => `${experiment.toString(16).padStart(4, "0")}${i.toString(16).padStart(28, "0")}`;

/** Creates the experiments and returns their ids in order (index 0 = big, 1 = measured). */
export async function seedExperiments(sql: Sql, shape: Shape): Promise<number[]> {
  const row = (i: number) => [`scale-${String(i).padStart(3, "0")}`, `file:///tmp/artifacts/scale-${i}`, "active", T0 + i, T0 + i].join("\t") + "\n";
  await copyInto(sql, "experiments", ["name", "artifact_location", "lifecycle_stage", "creation_time", "last_update_time"], chunked(shape.experiments, row));
  return findSeededExperiments(sql);
}

/** The ids of the experiments an earlier run seeded, in the same order. */
export async function findSeededExperiments(sql: Sql): Promise<number[]> {
  const rows = await sql<{ id: number }[]>`select experiment_id as id from experiments where name like 'scale-%' order by name`;
  return rows.map((r) => r.id);
}

/**
 * The runs of one experiment with their params (values 'v0'..'v9', so `params.lr = 'v3'` selects
 * ~10%), metrics (uniform in [0, 1)) and tags, one COPY per table. Two tables at a time.
 */
export async function seedRuns(sql: Sql, experiment: number, experimentId: number, runs: number): Promise<void> {
  const random = prng(1000 + experiment);
  const keys = keysOf(experiment);
  const run = (i: number) => {
    const start = T0 + i * 1000;
    return [runUuid(experiment, i), `run-${i}`, experimentId, `user${i % 10}`, "FINISHED", start, start + 60_000, "\\N", "active", "file:///tmp/a"].join("\t") + "\n";
  };
  const param = (i: number) => `${runUuid(experiment, Math.floor(i / keys.params.length))}\t${keys.params[i % keys.params.length]}\tv${Math.floor(random() * 10)}\t${experimentId}\n`;
  const tag = (i: number) => `${runUuid(experiment, Math.floor(i / keys.tags.length))}\t${keys.tags[i % keys.tags.length]}\tt${Math.floor(random() * 100)}\t${experimentId}\n`;
  const values = Float64Array.from({ length: runs * keys.metrics.length }, () => random());
  const metric = (i: number, latest: boolean) => {
    const r = Math.floor(i / keys.metrics.length);
    const row = [runUuid(experiment, r), keys.metrics[i % keys.metrics.length], 0, T0 + r * 1000 + 30_000, values[i], "f"];
    return [...row, latest ? experimentId : "\\N"].join("\t") + "\n";
  };
  const metricColumns = ["run_uuid", "key", "step", "timestamp", "value", "is_nan"];
  await copyInto(sql, "runs", ["run_uuid", "name", "experiment_id", "user_id", "status", "start_time", "end_time", "deleted_time", "lifecycle_stage", "artifact_uri"], chunked(runs, run));
  await Promise.all([
    copyInto(sql, "params", ["run_uuid", "key", "value", "experiment_id"], chunked(runs * keys.params.length, param)),
    copyInto(sql, "metrics", [...metricColumns, "model_id"], chunked(runs * keys.metrics.length, (i) => metric(i, false))),
  ]);
  await Promise.all([
    copyInto(sql, "latest_metrics", [...metricColumns, "experiment_id"], chunked(runs * keys.metrics.length, (i) => metric(i, true))),
    copyInto(sql, "tags", ["run_uuid", "key", "value", "experiment_id"], chunked(runs * keys.tags.length, tag)),
  ]);
}
