import type { APIRequestContext } from "@playwright/test";
import { postJson } from "./seed";

/** 15 s: an hour is 240 samples, under the System tab's 300 buckets, so every sample is drawn. */
export const SAMPLE_MS = 15_000;

/** One machine's samples under the collector's names (collector/samplers/*.ts), per step. */
export interface NodeSpec {
  /** "" logs system/<name> (one machine), otherwise system/<node>/<name>. */
  node: string;
  cpu: (step: number) => number;
  gpus: ((step: number) => number)[];
  gpuWatts: number;
}

function nodeMetrics(spec: NodeSpec, step: number): Record<string, number> {
  const p = spec.node ? `system/${spec.node}/` : "system/";
  const out: Record<string, number> = {
    [`${p}cpu_utilization_percentage`]: spec.cpu(step),
    [`${p}system_memory_usage_megabytes`]: 12_000 + step,
    [`${p}system_memory_usage_percentage`]: 40 + (step % 20) / 4,
    [`${p}disk_usage_megabytes`]: 50_000 + step * 2,
    [`${p}disk_usage_percentage`]: 25 + step / 240,
    [`${p}disk_available_megabytes`]: 150_000 - step * 2,
    // Cumulative counters since the collector started, as MLflow logs them.
    [`${p}network_receive_megabytes`]: step * 12.5,
    [`${p}network_transmit_megabytes`]: step * 3,
  };
  spec.gpus.forEach((utilization, i) => {
    out[`${p}gpu_${i}_utilization_percentage`] = utilization(step);
    out[`${p}gpu_${i}_memory_usage_megabytes`] = 20_000 + i * 1000;
    out[`${p}gpu_${i}_memory_usage_percentage`] = 50 + i * 2.5;
    out[`${p}gpu_${i}_power_usage_watts`] = spec.gpuWatts;
    out[`${p}gpu_${i}_power_usage_percentage`] = (spec.gpuWatts / 400) * 100;
  });
  return out;
}

/** `steps` samples every SAMPLE_MS from `t0` for each node, plus a training loss, in log-batch requests. */
export async function logSystemRun(request: APIRequestContext, runId: string, t0: number, steps: number, nodes: NodeSpec[], loss?: (step: number) => number) {
  const metrics: { key: string; value: number; step: number; timestamp: number }[] = [];
  for (let step = 0; step < steps; step++) {
    const timestamp = t0 + step * SAMPLE_MS;
    for (const node of nodes) for (const [key, value] of Object.entries(nodeMetrics(node, step))) metrics.push({ key, value, step, timestamp });
    if (loss) metrics.push({ key: "loss", value: loss(step), step, timestamp });
  }
  for (let i = 0; i < metrics.length; i += 1000) await postJson(request, "runs/log-batch", { run_id: runId, metrics: metrics.slice(i, i + 1000) });
}
