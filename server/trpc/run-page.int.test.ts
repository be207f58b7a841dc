import { describe, expect, it } from "vitest";
import { createExperiment, createRun, post, uniqueName } from "../testing/api";
import { T0 } from "../testing/runs";
import { trpcMutation, trpcQuery } from "../testing/trpc";

const point = (key: string, value: number | string, step: number, timestamp = T0) => ({ key, value, step, timestamp });

describe("tRPC runPage.metricSummaries", () => {
  it("gives each metric its last value and step and the min/max of its whole history", async () => {
    const runId = await createRun(await createExperiment(uniqueName("summaries")));
    await post("runs/log-batch", {
      run_id: runId,
      metrics: [
        point("loss", 1.0, 0),
        point("loss", 0.5, 1),
        point("loss", 0.75, 2),
        // Logged late for an earlier step: the lowest value, but not the last one.
        point("loss", 0.25, 1, T0 + 60_000),
        point("acc", 0.5, 0),
        point("acc", 0.9, 1),
        point("acc", "NaN", 3),
        point("all_nan", "NaN", 0),
        point("all_nan", "NaN", 1),
        point("edge", 1, 0),
        point("edge", "Infinity", 1),
        point("edge", "-Infinity", 2),
      ],
    });

    const res = await trpcQuery("runPage.metricSummaries", { runId });
    expect(res.status).toBe(200);
    expect(res.body.result.data.summaries).toEqual([
      { key: "acc", last: "NaN", lastStep: 3, lastTimestamp: T0, min: 0.5, max: 0.9, points: 3 },
      { key: "all_nan", last: "NaN", lastStep: 1, lastTimestamp: T0, points: 2 },
      { key: "edge", last: "-Infinity", lastStep: 2, lastTimestamp: T0, min: "-Infinity", max: "Infinity", points: 3 },
      { key: "loss", last: 0.75, lastStep: 2, lastTimestamp: T0, min: 0.25, max: 1, points: 4 },
    ]);
  });

  it("answers an empty list for a run without metrics and not-found for an unknown run", async () => {
    const runId = await createRun(await createExperiment(uniqueName("no-metrics")));
    expect((await trpcQuery("runPage.metricSummaries", { runId })).body.result.data).toEqual({ summaries: [] });

    const missing = await trpcQuery("runPage.metricSummaries", { runId: "0123456789abcdef0123456789abcdef" });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe("Run with id=0123456789abcdef0123456789abcdef not found");
  });
});

describe("tRPC runPage tags", () => {
  it("sets, overwrites and deletes a tag, visible through the REST API", async () => {
    const runId = await createRun(await createExperiment(uniqueName("tags")));
    expect((await trpcMutation("runPage.setTag", { runId, key: "team", value: "vision" })).status).toBe(200);
    expect((await trpcMutation("runPage.setTag", { runId, key: "team", value: "speech" })).status).toBe(200);
    const run = await trpcQuery("runPage.get", { runId });
    expect(run.body.result.data.run.data.tags).toContainEqual({ key: "team", value: "speech" });

    expect((await trpcMutation("runPage.deleteTag", { runId, key: "team" })).status).toBe(200);
    const again = await trpcMutation("runPage.deleteTag", { runId, key: "team" });
    expect(again.status).toBe(404);
    expect(again.body.error.message).toBe(`No tag with name: team in run with id ${runId}`);
  });
});
