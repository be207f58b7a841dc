import { startCpuSampler } from "./cpu.js";
import { sampleDisk } from "./disk.js";
import { startGpuSampler, type GpuSampler } from "./gpu.js";
import { sampleMemory } from "./memory.js";
import { startNetworkSampler } from "./network.js";
import type { Sampler } from "./sampler.js";

export interface SystemSampler {
  readonly gpu: GpuSampler;
  /** One reading of every system metric. */
  sample: Sampler;
  stop(): void;
}

/**
 * Starts every sampler; CPU and network count from this moment, so the first sample covers the
 * first interval. A sampler that fails once (a filesystem briefly unreadable) only leaves its
 * metrics out of that sample.
 */
export async function startSystemSampler(options: { allGpus: boolean; cudaVisibleDevices: string | undefined; intervalMs: number }): Promise<SystemSampler> {
  const cpu = startCpuSampler();
  const [network, gpu] = await Promise.all([startNetworkSampler(), startGpuSampler(options)]);
  return {
    gpu,
    async sample() {
      const parts = await Promise.allSettled([cpu, sampleMemory, sampleDisk, network, gpu.sample].map((sample) => sample()));
      return Object.assign({}, ...parts.map((part) => (part.status === "fulfilled" ? part.value : {})));
    },
    stop: () => gpu.stop(),
  };
}
