import { describe, expect, it } from "vitest";
import { createExperiment, createRun, post, uniqueName } from "../testing/api";
import { trpcQuery } from "../testing/trpc";

describe("tRPC runs.search", () => {
  it("returns only the requested param, metric and tag keys when dataKeys is given", async () => {
    const experimentId = await createExperiment(uniqueName("shaping"));
    const runId = await createRun(experimentId, { run_name: "wide" });
    await post("runs/log-batch", {
      run_id: runId,
      metrics: Array.from({ length: 50 }, (_, i) => ({ key: `m${i}`, value: i, timestamp: 1, step: 0 })),
      params: [
        { key: "lr", value: "0.1" },
        { key: "batch", value: "32" },
      ],
      tags: [{ key: "team", value: "vision" }],
    });

    const shaped = await trpcQuery("runs.search", {
      experimentIds: [experimentId],
      dataKeys: { metrics: ["m7", "m42"], params: ["lr"], tags: [] },
    });
    expect(shaped.status).toBe(200);
    expect(shaped.body.result.data.runs[0].data).toEqual({
      metrics: [
        { key: "m42", value: 42, timestamp: 1, step: 0 },
        { key: "m7", value: 7, timestamp: 1, step: 0 },
      ],
      params: [{ key: "lr", value: "0.1" }],
      tags: [],
    });

    const full = await trpcQuery("runs.search", { experimentIds: [experimentId] });
    expect(full.body.result.data.runs[0].data.metrics).toHaveLength(50);
    expect(full.body.result.data.runs[0].data.tags.map((t: { key: string }) => t.key)).toEqual(["mlflow.runName", "team"]);
  });

  it("maps a service error to a tRPC error with MLflow's message", async () => {
    const res = await trpcQuery("runs.search", { experimentIds: ["0"], filter: "metrics.m >> 1" });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      "Invalid filter 'metrics.m >> 1': expected a number or a quoted string after '>', found '>' at position 11",
    );
  });
});
