/**
 * Everything the collector knows about nvidia-smi's output, as pure functions (tested on captured
 * output in ../fixtures/nvidia-smi). The process handling lives in gpu.ts.
 */

/** The fields asked of `nvidia-smi --query-gpu`, in the order parseNvidiaSmi reads them. */
export const NVIDIA_SMI_FIELDS = [
  "index",
  "uuid",
  "name",
  "utilization.gpu",
  "memory.used",
  "memory.total",
  "power.draw",
  "enforced.power.limit",
] as const;

/** nvidia-smi's arguments for one reading of every GPU, or a reading every `loopMs` when given. */
export function nvidiaSmiArgs(loopMs?: number): string[] {
  return [`--query-gpu=${NVIDIA_SMI_FIELDS.join(",")}`, "--format=csv,noheader,nounits", ...(loopMs ? [`--loop-ms=${loopMs}`] : [])];
}

export interface GpuReading {
  /** nvidia-smi's (NVML's) index, the `i` of MLflow's gpu_{i}_* metric names. */
  index: number;
  uuid: string;
  name: string;
  utilizationPercent?: number;
  memoryUsedMiB?: number;
  memoryTotalMiB?: number;
  powerDrawWatts?: number;
  powerLimitWatts?: number;
}

/**
 * Parses `nvidia-smi --query-gpu=<NVIDIA_SMI_FIELDS> --format=csv,noheader,nounits`, one GPU per line.
 * Unsupported fields (`[N/A]`, `[Not Supported]`) are left out; non-reading lines ("No devices were found",
 * driver errors) yield nothing, so "no GPU" is an empty list.
 */
export function parseNvidiaSmi(output: string): GpuReading[] {
  const readings: GpuReading[] = [];
  for (const line of output.split(/\r?\n/)) {
    const parts = line.split(",").map((part) => part.trim());
    if (parts.length < NVIDIA_SMI_FIELDS.length || !/^\d+$/.test(parts[0]) || !parts[1].startsWith("GPU-")) continue;
    // The name is the only free-text field; should it ever contain a comma, it spans several parts.
    const numbers = parts.slice(-5).map(toNumber);
    const [utilizationPercent, memoryUsedMiB, memoryTotalMiB, powerDrawWatts, powerLimitWatts] = numbers;
    readings.push({
      index: Number(parts[0]),
      uuid: parts[1],
      name: parts.slice(2, -5).join(", "),
      ...(utilizationPercent !== undefined && { utilizationPercent }),
      ...(memoryUsedMiB !== undefined && { memoryUsedMiB }),
      ...(memoryTotalMiB !== undefined && { memoryTotalMiB }),
      ...(powerDrawWatts !== undefined && { powerDrawWatts }),
      ...(powerLimitWatts !== undefined && { powerLimitWatts }),
    });
  }
  return readings;
}

function toNumber(field: string): number | undefined {
  if (!/^-?\d+(\.\d+)?$/.test(field)) return undefined;
  return Number(field);
}

/**
 * The GPUs this job may use, read as CUDA reads CUDA_VISIBLE_DEVICES (index, UUID or its prefix; the list
 * ends at the first entry naming no GPU, so "" and "-1" hide all), so we watch what the job can see.
 * Indices are nvidia-smi's PCI bus order, CUDA's under CUDA_DEVICE_ORDER=PCI_BUS_ID (as Slurm sets).
 */
export function selectVisibleGpus(gpus: GpuReading[], cudaVisibleDevices: string | undefined, allGpus: boolean): GpuReading[] {
  if (allGpus || cudaVisibleDevices === undefined) return gpus;
  const chosen = new Set<GpuReading>();
  for (const entry of cudaVisibleDevices.split(",").map((e) => e.trim())) {
    const matches = /^\d+$/.test(entry)
      ? gpus.filter((gpu) => gpu.index === Number(entry))
      : entry.startsWith("GPU-")
        ? gpus.filter((gpu) => gpu.uuid.startsWith(entry))
        : [];
    if (matches.length !== 1) break;
    chosen.add(matches[0]);
  }
  return gpus.filter((gpu) => chosen.has(gpu));
}

/** MiB as nvidia-smi reports memory, in MLflow's megabytes (bytes / 1e6). */
const MEGABYTES_PER_MIB = 1.048576;

/** MLflow's per-GPU system metrics (names without the system/ prefix) from one reading. */
export function gpuMetrics(gpu: GpuReading): Record<string, number> {
  const name = (metric: string) => `gpu_${gpu.index}_${metric}`;
  const metrics: Record<string, number> = {};
  if (gpu.utilizationPercent !== undefined) metrics[name("utilization_percentage")] = gpu.utilizationPercent;
  if (gpu.memoryUsedMiB !== undefined) {
    metrics[name("memory_usage_megabytes")] = gpu.memoryUsedMiB * MEGABYTES_PER_MIB;
    if (gpu.memoryTotalMiB) metrics[name("memory_usage_percentage")] = (gpu.memoryUsedMiB / gpu.memoryTotalMiB) * 100;
  }
  if (gpu.powerDrawWatts !== undefined) {
    metrics[name("power_usage_watts")] = gpu.powerDrawWatts;
    if (gpu.powerLimitWatts) metrics[name("power_usage_percentage")] = (gpu.powerDrawWatts / gpu.powerLimitWatts) * 100;
  }
  return metrics;
}
