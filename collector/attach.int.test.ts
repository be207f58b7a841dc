import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { killLeftoverCollectors, startCollector, waitFor } from "./testing/collector-process";
import { createRun, history, HOST_METRICS, logMetrics, metricKeys, setRunStatus, tags, type Metric } from "./testing/tracking";

const baseUrl = () => inject("baseUrl");
/** The first test runs against both databases; the others test only the collector, so they run once. */
const once = it.runIf(inject("driver") === "pglite");
const env = () => ({ MLFLOW_TRACKING_URI: baseUrl() });

afterAll(killLeftoverCollectors);

async function waitForPoints(runId: string, key: string, count: number): Promise<void> {
  await waitFor(async () => (await history(baseUrl(), runId, key)).length >= count, 20_000, () => `fewer than ${count} points of ${key}`);
}

describe.concurrent("attach mode", () => {
  it("logs MLflow's system metrics into a running run at the sample times, until the run ends", async () => {
    const runId = await createRun(baseUrl());
    const collector = startCollector(["--run-id", runId, "--interval", "0.5"], env());
    await waitForPoints(runId, "system/cpu_utilization_percentage", 4);
    await setRunStatus(baseUrl(), runId, "FINISHED");
    const exit = await collector.exited;

    expect(exit.code).toBe(0);
    expect(await metricKeys(baseUrl(), runId)).toEqual(HOST_METRICS.map((name) => `system/${name}`));
    const series = Object.fromEntries(await Promise.all(HOST_METRICS.map(async (name) => [name, await history(baseUrl(), runId, `system/${name}`)] as const)));
    const points = series.cpu_utilization_percentage.length;
    const messages = collector.messages();
    expect(messages.at(-1)).toBe(`stopped (the run is no longer RUNNING): ${points} points logged to run ${runId}`);

    // Every metric has one point per step 0..n-1, all taken at the same sample times.
    const steps = Array.from({ length: points }, (_, i) => i);
    const times = series.cpu_utilization_percentage.map((m: Metric) => m.timestamp);
    for (const name of HOST_METRICS) {
      expect(series[name].map((m: Metric) => m.step), name).toEqual(steps);
      expect(series[name].map((m: Metric) => m.timestamp), name).toEqual(times);
    }
    // Samples follow the 0.5 s schedule from the start, and none is later than the exit.
    expect(times[0]).toBeGreaterThanOrEqual(collector.startedAt + 500);
    times.slice(1).forEach((time: number, i: number) => expect(time - times[i]).toBeGreaterThanOrEqual(400));
    times.slice(1).forEach((time: number, i: number) => expect(time - times[i]).toBeLessThanOrEqual(1100));
    expect(times.at(-1)).toBeLessThanOrEqual(exit.at);

    const last = (name: string) => series[name].at(-1)!.value;
    for (const name of ["cpu_utilization_percentage", "system_memory_usage_percentage", "disk_usage_percentage"]) {
      for (const { value } of series[name]) {
        expect(value, name).toBeGreaterThanOrEqual(0);
        expect(value, name).toBeLessThanOrEqual(100);
      }
    }
    const totalMemoryMb = os.totalmem() / 1e6;
    expect(last("system_memory_usage_megabytes")).toBeCloseTo((last("system_memory_usage_percentage") / 100) * totalMemoryMb, -2);
    const diskUsed = last("disk_usage_megabytes");
    expect(last("disk_usage_percentage")).toBeCloseTo((diskUsed / (diskUsed + last("disk_available_megabytes"))) * 100, 0);
    for (const name of ["network_receive_megabytes", "network_transmit_megabytes"]) {
      const values = series[name].map((m: Metric) => m.value);
      expect(values, name).toEqual([...values].sort((a, b) => a - b));
      expect(values[0], name).toBeGreaterThanOrEqual(0);
    }
    // Means are rounded to one decimal, as MLflow does.
    for (const name of HOST_METRICS.filter((n) => !n.startsWith("network"))) {
      for (const { value } of series[name]) expect(Math.round(value * 10) / 10, name).toBe(value);
    }
  });

  once("says where to see the run, how often it samples, which GPUs it found and where the spool is", async () => {
    const runId = await createRun(baseUrl());
    const spoolDir = path.join(os.tmpdir(), `metron-status-line-${runId}`);
    const collector = startCollector(["--run-id", runId, "--interval", "0.5", "--samples-before-logging", "2"], {
      ...env(),
      METRON_COLLECTOR_SPOOL_DIR: spoolDir,
    });
    await collector.waitForMessage(/sampling every/);
    await setRunStatus(baseUrl(), runId, "FINISHED");
    await collector.exited;
    expect(collector.messages()[0]).toBe(
      `run ${runId} (${baseUrl()}/experiments/0/runs/${runId}) · sampling every 0.5 s, logged as the mean of 2 · ` +
        `GPUs: none (nvidia-smi not found) · spool: ${spoolDir}/${runId}.${os.hostname()}.jsonl`,
    );
  });

  once("logs the host facts once as tags", async () => {
    const runId = await createRun(baseUrl());
    const collector = startCollector(["--run-id", runId, "--interval", "0.5"], env());
    await waitForPoints(runId, "system/cpu_utilization_percentage", 1);
    await setRunStatus(baseUrl(), runId, "FINISHED");
    await collector.exited;
    const hostTags = Object.fromEntries(Object.entries(await tags(baseUrl(), runId)).filter(([key]) => key.startsWith("metron.host.")));
    expect(hostTags).toEqual({
      "metron.host.name": os.hostname(),
      "metron.host.cpu": expect.stringMatching(/\S/),
      "metron.host.cpu_cores": String(os.cpus().length),
      "metron.host.memory_megabytes": String(Math.round(os.totalmem() / 1e6)),
      "metron.host.gpus": "none",
    });
  });

  once("continues after the highest system/ step a resumed run already has", async () => {
    const runId = await createRun(baseUrl());
    await logMetrics(baseUrl(), runId, [{ key: "system/cpu_utilization_percentage", value: 1, timestamp: 1_000, step: 41 }]);
    const collector = startCollector(["--run-id", runId, "--interval", "0.5"], env());
    await waitForPoints(runId, "system/disk_usage_megabytes", 2);
    await setRunStatus(baseUrl(), runId, "FINISHED");
    await collector.exited;
    const steps = (await history(baseUrl(), runId, "system/disk_usage_megabytes")).map((m) => m.step);
    expect(steps.slice(0, 2)).toEqual([42, 43]);
  });

  once("averages --samples-before-logging samples into each point, logged every that many intervals", async () => {
    const runId = await createRun(baseUrl());
    const collector = startCollector(["--run-id", runId, "--interval", "0.25", "--samples-before-logging", "4"], env());
    await waitForPoints(runId, "system/cpu_utilization_percentage", 3);
    await setRunStatus(baseUrl(), runId, "FINISHED");
    await collector.exited;
    const times = (await history(baseUrl(), runId, "system/cpu_utilization_percentage")).map((m) => m.timestamp);
    // Full windows are 4 × 0.25 s apart (the last point may be a shorter, final window).
    times.slice(1, 3).forEach((time, i) => expect(time - times[i]).toBeGreaterThanOrEqual(900));
    expect(times[0]).toBeGreaterThanOrEqual(collector.startedAt + 1000);
  });

  once("on SIGTERM logs the samples of the unfinished window, sends them and exits 0", async () => {
    const runId = await createRun(baseUrl());
    const collector = startCollector(["--run-id", runId, "--interval", "0.25", "--samples-before-logging", "1000"], env());
    await collector.waitForMessage(/sampling every/);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    collector.child.kill("SIGTERM");
    expect((await collector.exited).code).toBe(0);
    // A sample may still be taken between kill() and the signal's delivery: bounded by the exit, not by kill().
    const exitedAt = Date.now();
    const points = await history(baseUrl(), runId, "system/cpu_utilization_percentage");
    expect(points.map((m) => m.step)).toEqual([0]);
    expect(points[0].timestamp).toBeLessThanOrEqual(exitedAt);
    expect(collector.messages().at(-1)).toBe(`stopped (SIGTERM): 1 point logged to run ${runId}`);
  });

  once("exits 0 at once for a run that is no longer RUNNING", async () => {
    const runId = await createRun(baseUrl());
    await setRunStatus(baseUrl(), runId, "KILLED");
    const collector = startCollector(["--run-id", runId], env());
    expect((await collector.exited).code).toBe(0);
    expect(collector.messages()).toEqual([`run ${runId} is KILLED: nothing to monitor`, `stopped (run is KILLED): 0 points logged to run ${runId}`]);
  });
});
