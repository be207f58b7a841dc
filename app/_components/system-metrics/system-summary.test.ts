import { describe, expect, it } from "vitest";
import { observedMs, summarizeSystemMetrics, type SeriesAggregate } from "./system-summary";

const H = 3_600_000;
const series = (key: string, count: number, mean: number | null, max: number | null, first = 0, last = H): SeriesAggregate => ({ key, count, mean, max, firstTimestamp: first, lastTimestamp: last });

describe("observedMs", () => {
  it("adds one sampling interval to the first-to-last span; one sample observes nothing", () => {
    expect(observedMs({ count: 361, firstTimestamp: 0, lastTimestamp: H })).toBe(H + 10_000);
    expect(observedMs({ count: 1, firstTimestamp: 5, lastTimestamp: 5 })).toBe(0);
    expect(observedMs({ count: 0, firstTimestamp: 0, lastTimestamp: 0 })).toBe(0);
  });
});

describe("summarizeSystemMetrics", () => {
  it("pools CPU over nodes and GPUs over nodes by point count, counts GPU-hours and energy", () => {
    const aggregates = [
      series("system/node-a/cpu_utilization_percentage", 3, 20, 50),
      series("system/node-b/cpu_utilization_percentage", 1, 60, 70),
      series("system/node-a/gpu_0_utilization_percentage", 11, 80, 100, 0, H),
      series("system/node-a/gpu_1_utilization_percentage", 11, 40, 90, 0, H),
      series("system/node-b/gpu_0_utilization_percentage", 6, 10, 30, 0, H / 2),
      series("system/node-a/gpu_0_power_usage_watts", 11, 300, 350, 0, H),
      series("system/node-a/gpu_1_power_usage_watts", 11, 150, 200, 0, H),
      series("system/node-a/gpu_0_memory_usage_megabytes", 11, 9000, 12000),
      series("loss", 100, 0.5, 2),
    ];
    const summary = summarizeSystemMetrics({ startTime: 1_000, endTime: 1_000 + 2 * H, now: 0 }, aggregates, []);
    expect(summary.durationMs).toBe(2 * H);
    expect(summary.cpu).toEqual({ mean: (3 * 20 + 60) / 4, max: 70 });
    expect(summary.gpu).toEqual({ mean: (11 * 80 + 11 * 40 + 6 * 10) / 28, max: 100, count: 3 });
    // Each of the first two GPUs: 1 h span + a 6 min interval; the third: 0.5 h + 6 min.
    expect(summary.gpuHours).toBeCloseTo(1.1 + 1.1 + 0.6, 10);
    expect(summary.energyWh).toBeCloseTo(300 * 1.1 + 150 * 1.1, 10);
    expect(summary.powerGpus).toBe(2);
    expect(summary.idleGpus).toEqual([]);
  });

  it("leaves out what is not known: no GPUs, no power, all-NaN series, a run without start", () => {
    const summary = summarizeSystemMetrics({ startTime: null, endTime: null, now: 5 }, [series("system/cpu_utilization_percentage", 0, null, null)], []);
    expect(summary).toEqual({ durationMs: undefined, cpu: undefined, gpu: undefined, gpuHours: undefined, energyWh: undefined, powerGpus: 0, idleGpus: [] });
    const noPower = summarizeSystemMetrics({ startTime: 0, endTime: null, now: 90_000 }, [series("system/gpu_0_utilization_percentage", 2, 50, 60, 0, H)], []);
    expect(noPower.durationMs).toBe(90_000);
    expect(noPower.gpuHours).toBe(2);
    expect(noPower.energyWh).toBeUndefined();
  });

  it("lists idle GPUs with their total and longest idle time", () => {
    const summary = summarizeSystemMetrics({ startTime: 0, endTime: H, now: 0 }, [], [
      { label: "gpu 0", spans: [{ start: 0, end: 10 * 60_000 }, { start: 30 * 60_000, end: 36 * 60_000 }] },
      { label: "gpu 1", spans: [] },
    ]);
    expect(summary.idleGpus).toEqual([{ label: "gpu 0", totalMs: 16 * 60_000, longestMs: 10 * 60_000 }]);
  });
});
