import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { createExperiment, createRun, post, uniqueName } from "../testing/api";
import { T0 } from "../testing/runs";
import { trpcQuery } from "../testing/trpc";

const point = (key: string, value: number | string, step: number) => ({ key, value, step, timestamp: T0 + step });

describe("tRPC compare", () => {
  it("answers runs of several experiments in the order asked, with their data and experiment names", async () => {
    const nameA = uniqueName("cmp-a");
    const nameB = uniqueName("cmp-b");
    const [expA, expB] = [await createExperiment(nameA), await createExperiment(nameB)];
    const first = await createRun(expA, { run_name: "first", start_time: T0 });
    const second = await createRun(expB, { run_name: "second", start_time: T0 });
    await post("runs/log-batch", { run_id: first, params: [{ key: "lr", value: "0.1" }], tags: [{ key: "team", value: "a" }], metrics: [point("loss", 2, 0), point("loss", "NaN", 1)] });
    await post("runs/log-batch", { run_id: second, params: [{ key: "lr", value: "0.2" }], metrics: [point("loss", 1, 0)] });
    const missing = "0123456789abcdef0123456789abcdef";

    const res = await trpcQuery("compare.runs", { runIds: [second, first, missing, second] });
    expect(res.status).toBe(200);
    const data = res.body.result.data;
    expect(data.runs.map((r: { info: { runId: string; runName: string; experimentId: string } }) => [r.info.runId, r.info.runName, r.info.experimentId])).toEqual([
      [second, "second", expB],
      [first, "first", expA],
    ]);
    expect(data.runs[1].data.params).toEqual([{ key: "lr", value: "0.1" }]);
    expect(data.runs[1].data.tags).toContainEqual({ key: "team", value: "a" });
    expect(data.runs[1].data.metrics).toEqual([{ key: "loss", value: "NaN", timestamp: T0 + 1, step: 1 }]);
    expect(data.experiments).toEqual([
      { experimentId: expB, name: nameB },
      { experimentId: expA, name: nameA },
    ]);
    expect(data.missingRunIds).toEqual([missing]);
  });

  it("gives min/max over each history, and takes a long query as POST", async () => {
    const exp = await createExperiment(uniqueName("cmp-ranges"));
    const runId = await createRun(exp);
    await post("runs/log-batch", { run_id: runId, metrics: [point("loss", 3, 0), point("loss", -1, 1), point("loss", "Infinity", 2), point("loss", 0.5, 3)] });
    const res = await fetch(`${inject("baseUrl")}/api/trpc/compare.metricRanges`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ runIds: [runId], keys: ["loss", "absent"] }),
    });
    expect(res.status).toBe(200);
    expect((await res.json()).result.data).toEqual({ summaries: [{ runId, key: "loss", min: -1, max: "Infinity" }] });
  });

  it("refuses an empty list with a clear error", async () => {
    const res = await trpcQuery("compare.runs", { runIds: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain("runIds");
  });
});
