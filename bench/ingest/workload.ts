// The metric points of one simulated training run, cut into log-batch-sized requests. Every
// request carries KEYS.length keys × STEPS_PER_REQUEST steps; steps continue across requests and
// all keys of a step share its timestamp, as a training loop logging once per step produces.

export const KEYS = [
  "train/loss",
  "train/accuracy",
  "train/learning_rate",
  "train/grad_norm",
  "val/loss",
  "val/accuracy",
  "system/gpu_utilization",
  "system/gpu_memory_gb",
  "throughput/samples_per_second",
  "epoch",
] as const;
export const STEPS_PER_REQUEST = 100;
export const POINTS_PER_REQUEST = KEYS.length * STEPS_PER_REQUEST;

export interface Point {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

/** Deterministic so that every repetition stores exactly the same values (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function valueOf(key: (typeof KEYS)[number], step: number, noise: number): number {
  const progress = 1 - Math.exp(-step / 1500);
  switch (key) {
    case "train/loss": return 2.3 * (1 - progress) + 0.05 + 0.04 * noise;
    case "train/accuracy": return 0.1 + 0.85 * progress + 0.01 * noise;
    case "train/learning_rate": return 3e-4 * Math.cos((Math.PI / 2) * Math.min(step / 10_000, 1));
    case "train/grad_norm": return 1.5 * (1 - progress) + 0.2 + 0.3 * Math.abs(noise);
    case "val/loss": return 2.4 * (1 - progress) + 0.12 + 0.02 * noise;
    case "val/accuracy": return 0.1 + 0.8 * progress + 0.005 * noise;
    case "system/gpu_utilization": return 92 + 6 * noise;
    case "system/gpu_memory_gb": return 37.5 + 0.25 * noise;
    case "throughput/samples_per_second": return 1830 + 45 * noise;
    case "epoch": return Math.floor(step / 400);
  }
}

/** The points of request `request` (0-based) of a run that started at `startTime`. */
export function pointsOfRequest(runIndex: number, request: number, startTime: number): Point[] {
  const next = random(runIndex * 100_003 + request);
  const points: Point[] = [];
  for (let i = 0; i < STEPS_PER_REQUEST; i++) {
    const step = request * STEPS_PER_REQUEST + i;
    // ~137 ms per step with a little jitter; strictly increasing.
    const timestamp = startTime + step * 137 + Math.floor(next() * 100);
    for (const key of KEYS) points.push({ key, value: valueOf(key, step, next() * 2 - 1), timestamp, step });
  }
  return points;
}

/** The body an MLflow client sends to runs/log-batch. */
export function logBatchBody(runId: string, points: Point[]): string {
  return JSON.stringify({ run_id: runId, metrics: points, params: [], tags: [] });
}

/** The same points as COPY text-format rows for (run_uuid, key, step, timestamp, value, is_nan). */
export function copyRows(runId: string, points: Point[]): string {
  return points.map((p) => `${runId}\t${p.key}\t${p.step}\t${p.timestamp}\t${p.value}\tf\n`).join("");
}
