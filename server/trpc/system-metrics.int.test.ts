import { describe, expect, it } from "vitest";
import { createExperiment, createRun, post, uniqueName } from "../testing/api";
import { T0 } from "../testing/runs";
import { trpcQuery } from "../testing/trpc";

const point = (key: string, value: number | string, step: number) => ({ key, value, step, timestamp: T0 + step * 10_000 });

async function runWith(metrics: ReturnType<typeof point>[]): Promise<string> {
  const runId = await createRun(await createExperiment(uniqueName("sysmetrics")), { start_time: T0 });
  const res = await post("runs/log-batch", { run_id: runId, metrics });
  expect(res.status).toBe(200);
  return runId;
}

describe("tRPC systemMetrics.aggregates", () => {
  it("aggregates CPU, GPU utilization and GPU power per series in SQL, per node, for several runs", async () => {
    const a = await runWith([
      point("system/node-a/cpu_utilization_percentage", 10, 0),
      point("system/node-a/cpu_utilization_percentage", 30, 1),
      point("system/node-b/cpu_utilization_percentage", 50, 0),
      point("system/node-a/gpu_0_utilization_percentage", 100, 0),
      point("system/node-a/gpu_0_utilization_percentage", 0, 1),
      point("system/node-a/gpu_0_utilization_percentage", "NaN", 2),
      point("system/node-a/gpu_0_utilization_percentage", 50, 3),
      point("system/node-a/gpu_0_power_usage_watts", 250, 0),
      point("system/node-a/gpu_0_power_usage_watts", "Infinity", 1),
      point("system/node-a/gpu_0_power_usage_watts", 350, 2),
      // Not needed for the summary: left out.
      point("system/node-a/gpu_0_memory_usage_megabytes", 1000, 0),
      point("system/node-a/system_memory_usage_megabytes", 1000, 0),
      point("loss", 1, 0),
      point("system/node-a/extra/cpu_utilization_percentage", 1, 0),
    ]);
    const b = await runWith([point("system/gpu_1_utilization_percentage", "NaN", 0)]);
    const res = await trpcQuery("systemMetrics.aggregates", { runIds: [b, a, "0123456789abcdef0123456789abcdef", a] });
    expect(res.status).toBe(200);
    const series = (runId: string, key: string, count: number, mean: number | null, max: number | null, firstStep: number, lastStep: number) => ({
      runId,
      key,
      count,
      mean,
      max,
      firstTimestamp: T0 + firstStep * 10_000,
      lastTimestamp: T0 + lastStep * 10_000,
    });
    const expected = [
      series(a, "system/node-a/cpu_utilization_percentage", 2, 20, 30, 0, 1),
      series(a, "system/node-a/gpu_0_power_usage_watts", 2, 300, 350, 0, 2),
      series(a, "system/node-a/gpu_0_utilization_percentage", 3, 50, 100, 0, 3),
      series(a, "system/node-b/cpu_utilization_percentage", 1, 50, 50, 0, 0),
      series(b, "system/gpu_1_utilization_percentage", 0, null, null, 0, 0),
    ];
    // Ordered by run id, then key.
    expect(res.body.result.data.series).toEqual(a < b ? expected : [expected[4], ...expected.slice(0, 4)]);
  });

  it("rejects an empty run list and more than 100 runs with 400", async () => {
    for (const runIds of [[], Array.from({ length: 101 }, (_, i) => `r${i}`)]) {
      const res = await trpcQuery("systemMetrics.aggregates", { runIds });
      expect(res.status).toBe(400);
    }
  });
});
