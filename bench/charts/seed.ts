// A team server's metric history, written through the real API: three experiments whose runs all
// log `loss` and `lr`, by log-batch (1000 points a request, 4 clients at once, like bench/ingest).
// One run logs 1,000,000 `loss` steps with a spike every SPIKE_EVERY steps — the series charts read.
import { callMlflow } from "../search/server";

export const BIG_RUN_STEPS = 1_000_000;
export const SPIKE_EVERY = 10_007;
export const SPIKE_VALUE = 50;
const OTHER_RUN_STEPS = 100_000;
const POINTS_PER_REQUEST = 1000;
const CLIENTS = 4;
const MS_PER_STEP = 100;

export interface Seeded {
  bigRunId: string;
  startTime: number;
  points: number;
  spikes: number;
}

/** Noisy decaying loss; the spikes are single points, what a sampler easily drops. */
export function lossAt(step: number): number {
  if (step > 0 && step % SPIKE_EVERY === 0) return SPIKE_VALUE;
  return 2 * Math.exp(-step / 200_000) + 0.05 * Math.sin(step * 12.9898) * Math.sin(step * 0.001);
}

export async function seedHistory(baseUrl: string): Promise<Seeded> {
  const startTime = Date.now() - BIG_RUN_STEPS * MS_PER_STEP;
  const jobs: { runId: string; keys: { key: string; every: number }[]; steps: number }[] = [];
  let bigRunId = "";
  for (const name of ["vision", "nlp", "rl"]) {
    const { experiment_id } = await callMlflow(baseUrl, "experiments/create", { name: `charts-bench-${name}` });
    for (let r = 0; r < 2; r++) {
      const { run } = await callMlflow(baseUrl, "runs/create", { experiment_id, start_time: startTime, run_name: `${name}-${r}` });
      const isBig = !bigRunId;
      if (isBig) bigRunId = run.info.run_id;
      const steps = isBig ? BIG_RUN_STEPS : OTHER_RUN_STEPS;
      jobs.push({ runId: run.info.run_id, steps, keys: [{ key: "loss", every: 1 }, { key: "lr", every: isBig ? 10 : 1 }] });
    }
  }
  // Built lazily: 2 million points held at once would dominate the bench's own memory.
  const requests = (function* () {
    for (const job of jobs) yield* batchesOf(job, startTime);
  })();
  let points = 0;
  const client = async () => {
    for (let r = requests.next(); !r.done; r = requests.next()) {
      points += r.value.metrics.length;
      await callMlflow(baseUrl, "runs/log-batch", r.value);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  return { bigRunId, startTime, points, spikes: Math.floor((BIG_RUN_STEPS - 1) / SPIKE_EVERY) };
}

/** What seedHistory wrote, found in a database a previous run seeded (METRON_BENCH_REUSE_SEED=1). */
export async function findSeededHistory(baseUrl: string): Promise<Seeded> {
  const res = await fetch(`${baseUrl}/api/2.0/mlflow/experiments/get-by-name?experiment_name=charts-bench-vision`);
  if (!res.ok) throw new Error("no seeded history to reuse: run once without METRON_BENCH_REUSE_SEED");
  const { experiment } = (await res.json()) as { experiment: { experiment_id: string } };
  const { runs } = await callMlflow(baseUrl, "runs/search", { experiment_ids: [experiment.experiment_id], filter: "attributes.run_name = 'vision-0'" });
  const big = runs[0].info as { run_id: string; start_time: number | string };
  // The big run's loss and every 10th step's lr, and five runs logging both keys at every step.
  const points = BIG_RUN_STEPS + BIG_RUN_STEPS / 10 + 5 * 2 * OTHER_RUN_STEPS;
  return { bigRunId: big.run_id, startTime: Number(big.start_time), points, spikes: Math.floor((BIG_RUN_STEPS - 1) / SPIKE_EVERY) };
}

/** A run's points in step order, all keys of a step together, cut into log-batch requests. */
function* batchesOf(job: { runId: string; keys: { key: string; every: number }[]; steps: number }, startTime: number) {
  let metrics: { key: string; value: number; timestamp: number; step: number }[] = [];
  for (let step = 0; step < job.steps; step++) {
    const timestamp = startTime + step * MS_PER_STEP + (step % 7);
    for (const { key, every } of job.keys) {
      if (step % every !== 0) continue;
      metrics.push({ key, value: key === "loss" ? lossAt(step) : 1e-3 * Math.cos(step / 50_000), timestamp, step });
      if (metrics.length === POINTS_PER_REQUEST) {
        yield { run_id: job.runId, metrics };
        metrics = [];
      }
    }
  }
  if (metrics.length > 0) yield { run_id: job.runId, metrics };
}
