import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { killLeftoverCollectors, startCollector, waitFor } from "./testing/collector-process";
import { createRun, getRun, history, setRunStatus, tags, type Metric } from "./testing/tracking";

const baseUrl = () => inject("baseUrl");

afterAll(killLeftoverCollectors);

/**
 * This machine has no GPU, so an `nvidia-smi` stand-in prints a captured 8-GPU reading: once, or
 * every 200 ms when asked to loop (--loop-ms), as the real one does.
 */
function fakeNvidiaSmiOnPath(): string {
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), "metron-fake-nvidia-smi-"));
  const fixture = path.join(import.meta.dirname, "fixtures/nvidia-smi/dgx-a100-8-gpus.txt");
  const script = `#!/bin/sh
case "$*" in
  *--loop-ms=*) while true; do /bin/cat '${fixture}'; /bin/sleep 0.2; done ;;
  *) /bin/cat '${fixture}' ;;
esac
`;
  fs.writeFileSync(path.join(bin, "nvidia-smi"), script, { mode: 0o755 });
  return bin;
}

// The GPU path only involves the collector, so it runs once (in the PGlite project).
describe.runIf(inject("driver") === "pglite")("GPU metrics", { concurrent: true }, () => {
  it("logs gpu_{i}_* for the GPUs CUDA_VISIBLE_DEVICES names, by nvidia-smi index, with the GPU models as a tag", async () => {
    const runId = await createRun(baseUrl());
    const collector = startCollector(["--run-id", runId, "--interval", "0.5"], {
      MLFLOW_TRACKING_URI: baseUrl(),
      PATH: fakeNvidiaSmiOnPath(),
      CUDA_VISIBLE_DEVICES: "6,GPU-6e7f8091",
    });
    await waitFor(async () => (await history(baseUrl(), runId, "system/gpu_7_power_usage_watts")).length >= 2, 20_000, collector.stderr);
    await setRunStatus(baseUrl(), runId, "FINISHED");
    expect((await collector.exited).code).toBe(0);

    const latest = Object.fromEntries(
      ((await getRun(baseUrl(), runId)).data.metrics as Metric[]).filter((m) => m.key.includes("gpu_")).map((m) => [m.key, m.value]),
    );
    // Means of identical readings, rounded to one decimal; memory MiB → MB (× 1.048576).
    expect(latest).toEqual({
      "system/gpu_6_utilization_percentage": 0,
      "system/gpu_6_memory_usage_megabytes": 4.2,
      "system/gpu_6_memory_usage_percentage": 0,
      "system/gpu_6_power_usage_watts": 61.6,
      "system/gpu_6_power_usage_percentage": 15.4,
      "system/gpu_7_utilization_percentage": 0,
      "system/gpu_7_memory_usage_megabytes": 4.2,
      "system/gpu_7_memory_usage_percentage": 0,
      "system/gpu_7_power_usage_watts": 62.1,
      "system/gpu_7_power_usage_percentage": 15.5,
    });
    expect((await tags(baseUrl(), runId))["metron.host.gpus"]).toBe("6: NVIDIA A100-SXM4-80GB, 7: NVIDIA A100-SXM4-80GB");
    expect(collector.messages()[0]).toContain(
      "GPUs: 2 of 8 (6: NVIDIA A100-SXM4-80GB, 7: NVIDIA A100-SXM4-80GB; CUDA_VISIBLE_DEVICES=6,GPU-6e7f8091; --all-gpus for all)",
    );
  });

  it("--all-gpus monitors every GPU whatever CUDA_VISIBLE_DEVICES says", async () => {
    const runId = await createRun(baseUrl());
    const collector = startCollector(["--run-id", runId, "--interval", "0.5", "--all-gpus"], {
      MLFLOW_TRACKING_URI: baseUrl(),
      PATH: fakeNvidiaSmiOnPath(),
      CUDA_VISIBLE_DEVICES: "0",
    });
    await waitFor(async () => (await history(baseUrl(), runId, "system/gpu_7_utilization_percentage")).length >= 1, 20_000, collector.stderr);
    await setRunStatus(baseUrl(), runId, "FINISHED");
    await collector.exited;
    const keys = ((await getRun(baseUrl(), runId)).data.metrics as Metric[]).map((m) => m.key);
    expect(keys.filter((key) => key.endsWith("_utilization_percentage") && key.includes("gpu_")).sort()).toEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((i) => `system/gpu_${i}_utilization_percentage`),
    );
    expect(collector.messages()[0]).toContain("GPUs: 8 (0: NVIDIA A100-SXM4-80GB, 1: NVIDIA A100-SXM4-80GB,");
  });
});
