import { describe, expect, it } from "vitest";
import { createExperiment, createRun, get, post, uniqueName } from "../../testing/api";
import { trpcQuery } from "../../testing/trpc";

// Async logging in MLflow's clients sends log-batch calls for one run concurrently. They must all
// land (no deadlock, no lost update) and latest_metrics must end on the greatest step.
describe("concurrent writes to one run", () => {
  it("accepts 12 overlapping batches at once and keeps every point exactly once", async () => {
    const runId = await createRun(await createExperiment(uniqueName("concurrent")));
    const keys = ["a", "b", "c", "d", "e"];
    const batches = Array.from({ length: 12 }, (_, n) => {
      const order = n % 2 === 0 ? keys : [...keys].reverse(); // opposite lock orders on purpose
      return {
        run_id: runId,
        metrics: order.flatMap((key) => [0, 1].map((i) => ({ key, value: n, timestamp: 1000 + n, step: n * 2 + i }))),
        tags: order.map((key) => ({ key: `tag.${key}`, value: String(n) })),
      };
    });
    const results = await Promise.all(batches.map((batch) => post("runs/log-batch", batch)));
    expect(results.map((r) => r.status)).toEqual(batches.map(() => 200));
    // Replaying them all (a client retry) adds nothing.
    await Promise.all(batches.map((batch) => post("runs/log-batch", batch)));

    for (const key of keys) {
      const history = await get("metrics/get-history", { run_id: runId, metric_key: key });
      expect(history.body.metrics).toHaveLength(24);
    }
    // The chart summaries merged by the same statements count every point exactly once too.
    const series = keys.map((key) => ({ runId, key }));
    for (const x of ["step", "time"]) {
      const charts = await trpcQuery("charts.series", { series, x, buckets: 1 });
      expect(charts.body.result.data.series.map((s: { total: number; buckets: { count: number[]; max: number[] } }) => [s.total, s.buckets.count[0], s.buckets.max[0]])).toEqual(
        keys.map(() => [24, 24, 11]),
      );
    }
    const run = (await get("runs/get", { run_id: runId })).body.run;
    expect(run.data.metrics).toEqual(keys.map((key) => ({ key, value: 11, timestamp: 1011, step: 23 })));
    expect(run.data.tags.filter((t: { key: string }) => t.key.startsWith("tag.")).map((t: { value: string }) => Number(t.value))).toHaveLength(5);
  });
});
