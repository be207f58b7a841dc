import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gpuMetrics, nvidiaSmiArgs, parseNvidiaSmi, selectVisibleGpus, type GpuReading } from "./nvidia-smi.js";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "../fixtures/nvidia-smi", name), "utf8");

describe("parseNvidiaSmi", () => {
  it("reads one GPU", () => {
    expect(parseNvidiaSmi(fixture("one-gpu.txt"))).toEqual([
      {
        index: 0,
        uuid: "GPU-9a6f2d1c-3b4e-4f60-8182-93a4b5c6d7e8",
        name: "NVIDIA A10G",
        utilizationPercent: 87,
        memoryUsedMiB: 18234,
        memoryTotalMiB: 23028,
        powerDrawWatts: 176.43,
        powerLimitWatts: 300,
      },
    ]);
  });

  it("reads every GPU of an 8-GPU node in index order", () => {
    const gpus = parseNvidiaSmi(fixture("dgx-a100-8-gpus.txt"));
    expect(gpus.map((gpu) => gpu.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(gpus[6]).toEqual({
      index: 6,
      uuid: "GPU-5d6e7f80-91a2-b3c4-d5e6-f708192a3b4c",
      name: "NVIDIA A100-SXM4-80GB",
      utilizationPercent: 0,
      memoryUsedMiB: 4,
      memoryTotalMiB: 81920,
      powerDrawWatts: 61.57,
      powerLimitWatts: 400,
    });
  });

  it("leaves out fields a GPU reports as [N/A] or [Not Supported]", () => {
    const [, geforce] = parseNvidiaSmi(fixture("mixed-unsupported-fields.txt"));
    expect(geforce).toEqual({
      index: 1,
      uuid: "GPU-b2c3d4e5-f607-1829-3a4b-5c6d7e8f9012",
      name: "NVIDIA GeForce GTX 1080 Ti",
      utilizationPercent: 12,
      memoryUsedMiB: 1024,
      memoryTotalMiB: 11264,
    });
  });

  it("finds no GPU in nvidia-smi's messages when there is none or no driver", () => {
    expect(parseNvidiaSmi(fixture("no-devices.txt"))).toEqual([]);
    expect(parseNvidiaSmi(fixture("driver-not-loaded.txt"))).toEqual([]);
    expect(parseNvidiaSmi("")).toEqual([]);
  });

  it("reads repeated blocks of --loop-ms output and CRLF line ends", () => {
    const twoReadings = fixture("one-gpu.txt").replace("\n", "\r\n") + fixture("one-gpu.txt").replace(", 87,", ", 12,");
    expect(parseNvidiaSmi(twoReadings).map((gpu) => gpu.utilizationPercent)).toEqual([87, 12]);
  });

  it("keeps a name that contains a comma whole", () => {
    const [gpu] = parseNvidiaSmi("3, GPU-00000000-1111-2222-3333-444444444444, Some GPU, Rev 2, 5, 10, 20, 30.50, 100.00\n");
    expect(gpu).toMatchObject({ index: 3, name: "Some GPU, Rev 2", utilizationPercent: 5, powerLimitWatts: 100 });
  });

  it("asks nvidia-smi for exactly the fields it reads, once or in a loop", () => {
    const query = "--query-gpu=index,uuid,name,utilization.gpu,memory.used,memory.total,power.draw,enforced.power.limit";
    expect(nvidiaSmiArgs()).toEqual([query, "--format=csv,noheader,nounits"]);
    expect(nvidiaSmiArgs(1500)).toEqual([query, "--format=csv,noheader,nounits", "--loop-ms=1500"]);
  });
});

describe("selectVisibleGpus", () => {
  const node = parseNvidiaSmi(fixture("dgx-a100-8-gpus.txt"));
  const indices = (gpus: GpuReading[]) => gpus.map((gpu) => gpu.index);

  it("takes every GPU when CUDA_VISIBLE_DEVICES is unset or --all-gpus is given", () => {
    expect(indices(selectVisibleGpus(node, undefined, false))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(indices(selectVisibleGpus(node, "2", true))).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("takes the GPUs CUDA_VISIBLE_DEVICES names by index, in index order", () => {
    expect(indices(selectVisibleGpus(node, "6,2", false))).toEqual([2, 6]);
    expect(indices(selectVisibleGpus(node, " 3 , 4 ", false))).toEqual([3, 4]);
  });

  it("takes GPUs named by UUID or by a unique UUID prefix", () => {
    expect(indices(selectVisibleGpus(node, "GPU-0c1d2e3f-4a5b-6c7d-8e9f-a0b1c2d3e4f5,GPU-6e7f", false))).toEqual([1, 7]);
  });

  it("stops at the first entry that names no GPU, as CUDA does", () => {
    expect(indices(selectVisibleGpus(node, "1,9,2", false))).toEqual([1]);
    expect(indices(selectVisibleGpus(node, "0,GPU-5", false))).toEqual([0]); // GPU-5 is the prefix of two UUIDs
    expect(indices(selectVisibleGpus(node, "4,MIG-3b4c5d6e-7f80-91a2-b3c4-d5e6f708192a,5", false))).toEqual([4]);
  });

  it("hides every GPU for an empty value or -1", () => {
    expect(selectVisibleGpus(node, "", false)).toEqual([]);
    expect(selectVisibleGpus(node, "-1", false)).toEqual([]);
  });
});

describe("gpuMetrics", () => {
  it("gives MLflow's five gpu_{i}_ metrics, memory in MB (bytes / 1e6)", () => {
    const [gpu] = parseNvidiaSmi(fixture("one-gpu.txt"));
    expect(gpuMetrics(gpu)).toEqual({
      gpu_0_utilization_percentage: 87,
      gpu_0_memory_usage_megabytes: 18234 * 1.048576,
      gpu_0_memory_usage_percentage: (18234 / 23028) * 100,
      gpu_0_power_usage_watts: 176.43,
      gpu_0_power_usage_percentage: (176.43 / 300) * 100,
    });
  });

  it("names metrics by nvidia-smi index and leaves out what the GPU does not report", () => {
    const [, geforce] = parseNvidiaSmi(fixture("mixed-unsupported-fields.txt"));
    expect(gpuMetrics(geforce)).toEqual({
      gpu_1_utilization_percentage: 12,
      gpu_1_memory_usage_megabytes: 1024 * 1.048576,
      gpu_1_memory_usage_percentage: (1024 / 11264) * 100,
    });
  });
});
