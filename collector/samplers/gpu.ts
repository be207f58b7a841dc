import { execFile, spawn, type ChildProcess } from "node:child_process";
import type { Sampler } from "./sampler.js";
import { gpuMetrics, nvidiaSmiArgs, parseNvidiaSmi, selectVisibleGpus, type GpuReading } from "./nvidia-smi.js";

export interface GpuSampler {
  /** The GPUs being monitored: none when nvidia-smi is missing or CUDA_VISIBLE_DEVICES hides them all. */
  readonly gpus: GpuReading[];
  /** For the status line, e.g. "2 (0: NVIDIA A100-SXM4-80GB, 1: NVIDIA A100-SXM4-80GB)". */
  readonly description: string;
  /** gpu_{i}_* metrics from the latest reading of each monitored GPU. */
  sample: Sampler;
  stop(): void;
}

const RESTART_DELAY_MS = 5_000;

/**
 * Finds the GPUs with one nvidia-smi call, then keeps one `nvidia-smi --loop-ms` process printing a
 * reading per interval: starting nvidia-smi for every sample would cost far more CPU (it loads NVML
 * each time) than the collector is allowed.
 */
export async function startGpuSampler(options: { allGpus: boolean; cudaVisibleDevices: string | undefined; intervalMs: number }): Promise<GpuSampler> {
  const found = await queryOnce();
  if (typeof found === "string") return { gpus: [], description: `none (${found})`, sample: async () => ({}), stop: () => {} };
  const gpus = selectVisibleGpus(found, options.cudaVisibleDevices, options.allGpus);
  const description = describeGpus(gpus, found.length, options.cudaVisibleDevices, options.allGpus);
  if (gpus.length === 0) return { gpus, description, sample: async () => ({}), stop: () => {} };

  const monitored = new Set(gpus.map((gpu) => gpu.index));
  const latest = new Map(gpus.map((gpu) => [gpu.index, gpu]));
  let child: ChildProcess | undefined;
  let stopped = false;

  const startLoop = () => {
    let partialLine = "";
    child = spawn("nvidia-smi", nvidiaSmiArgs(options.intervalMs), { stdio: ["ignore", "pipe", "ignore"] });
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      const text = partialLine + chunk;
      const end = text.lastIndexOf("\n") + 1;
      partialLine = text.slice(end);
      for (const reading of parseNvidiaSmi(text.slice(0, end))) {
        if (monitored.has(reading.index)) latest.set(reading.index, reading);
      }
    });
    child.on("error", () => {}); // reported through "exit"
    child.on("exit", () => {
      if (stopped) return;
      // Old readings must not pass for current ones: GPU metrics pause until nvidia-smi runs again.
      latest.clear();
      setTimeout(() => !stopped && startLoop(), RESTART_DELAY_MS).unref();
    });
  };
  startLoop();

  return {
    gpus,
    description,
    sample: async () => Object.assign({}, ...[...latest.values()].map(gpuMetrics)),
    stop: () => {
      stopped = true;
      child?.kill();
    },
  };
}

/** Every GPU nvidia-smi reports, or why there are none. */
function queryOnce(): Promise<GpuReading[] | string> {
  return new Promise((resolve) => {
    execFile("nvidia-smi", nvidiaSmiArgs(), { timeout: 15_000 }, (err, stdout, stderr) => {
      if ((err as NodeJS.ErrnoException | null)?.code === "ENOENT") return resolve("nvidia-smi not found");
      const readings = parseNvidiaSmi(String(stdout));
      if (readings.length > 0) return resolve(readings);
      const said = `${stdout}\n${stderr}`.trim().split("\n")[0];
      resolve(said ? `nvidia-smi: ${said}` : "no GPU found");
    });
  });
}

function describeGpus(gpus: GpuReading[], total: number, cudaVisibleDevices: string | undefined, allGpus: boolean): string {
  const list = gpus.map((gpu) => `${gpu.index}: ${gpu.name}`).join(", ");
  if (gpus.length === total || allGpus || cudaVisibleDevices === undefined) return `${gpus.length} (${list})`;
  const hidden = `CUDA_VISIBLE_DEVICES=${cudaVisibleDevices}; --all-gpus for all`;
  return gpus.length === 0 ? `none of ${total} (${hidden})` : `${gpus.length} of ${total} (${list}; ${hidden})`;
}
