import { describe, expect, inject, it } from "vitest";
import { createExperiment, createRun, get, post, uniqueName } from "../testing/api";
import { T0 } from "../testing/runs";

async function trpcQuery(path: string, input: unknown) {
  const res = await fetch(`${inject("baseUrl")}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  return { status: res.status, body: await res.json() };
}

async function trpcMutation(path: string, input: unknown) {
  const res = await fetch(`${inject("baseUrl")}/api/trpc/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: await res.json() };
}

async function logBatch(runId: string, body: Record<string, unknown>) {
  const res = await post("runs/log-batch", { run_id: runId, ...body });
  expect(res.status, res.text).toBe(200);
}

describe("tRPC runsTable", () => {
  it("keys lists the distinct param, metric and tag keys of the experiment's runs only", async () => {
    const experimentId = await createExperiment(uniqueName("keys"));
    const other = await createExperiment(uniqueName("keys-other"));
    const a = await createRun(experimentId, { run_name: "a" });
    const b = await createRun(experimentId, { run_name: "b" });
    const c = await createRun(other, { run_name: "c" });
    await logBatch(a, { params: [{ key: "lr", value: "0.1" }], metrics: [{ key: "loss", value: 1, timestamp: T0, step: 0 }] });
    await logBatch(b, {
      params: [{ key: "batch", value: "32" }, { key: "lr", value: "0.2" }],
      metrics: [{ key: "acc", value: 0.5, timestamp: T0, step: 0 }],
      tags: [{ key: "team", value: "vision" }],
    });
    await logBatch(c, { params: [{ key: "zz-only-elsewhere", value: "1" }], tags: [{ key: "zz-tag-elsewhere", value: "1" }] });

    const res = await trpcQuery("runsTable.keys", { experimentIds: [experimentId] });
    expect(res).toEqual({
      status: 200,
      body: { result: { data: { params: ["batch", "lr"], metrics: ["acc", "loss"], tags: ["mlflow.runName", "team"], varyingParams: ["lr"] } } },
    });
    const none = await trpcQuery("runsTable.keys", { experimentIds: ["not-a-number"] });
    expect(none.body.result.data).toEqual({ params: [], metrics: [], tags: [], varyingParams: [] });
  });

  it("keys names the params whose values differ among the recent active runs (a sweep's knobs)", async () => {
    const experimentId = await createExperiment(uniqueName("varying"));
    const sweep = [
      { optimizer: "sgd", lr: "0.1", seed: "7" },
      { optimizer: "adam", lr: "0.1", seed: "7" },
      { optimizer: "adam", lr: "0.1", seed: "7", dropout: "0.5" },
    ];
    for (const [i, params] of sweep.entries()) {
      const runId = await createRun(experimentId, { run_name: `r${i}`, start_time: T0 + i });
      await logBatch(runId, { params: Object.entries(params).map(([key, value]) => ({ key, value })) });
    }
    // A deleted run's different lr does not make lr vary.
    const deleted = await createRun(experimentId, { run_name: "gone", start_time: T0 + 10 });
    await logBatch(deleted, { params: [{ key: "lr", value: "9" }] });
    expect((await post("runs/delete", { run_id: deleted })).status).toBe(200);

    const res = await trpcQuery("runsTable.keys", { experimentIds: [experimentId] });
    expect(res.body.result.data).toMatchObject({ params: ["dropout", "lr", "optimizer", "seed"], varyingParams: ["optimizer"] });
  });

  it("keyValues answers the known values of a param or tag key that start with a prefix", async () => {
    const experimentId = await createExperiment(uniqueName("values"));
    for (const [i, lr] of ["0.1", "0.01", "0.2", "0.1"].entries()) {
      const runId = await createRun(experimentId, { run_name: `r${i}` });
      await logBatch(runId, { params: [{ key: "lr", value: lr }], tags: [{ key: "team", value: i % 2 ? "nlp" : "vision" }] });
    }
    const all = await trpcQuery("runsTable.keyValues", { experimentIds: [experimentId], kind: "params", key: "lr" });
    expect(all).toEqual({ status: 200, body: { result: { data: { values: ["0.01", "0.1", "0.2"] } } } });
    const prefixed = await trpcQuery("runsTable.keyValues", { experimentIds: [experimentId], kind: "params", key: "lr", prefix: "0.0" });
    expect(prefixed.body.result.data).toEqual({ values: ["0.01"] });
    const limited = await trpcQuery("runsTable.keyValues", { experimentIds: [experimentId], kind: "params", key: "lr", maxResults: 2 });
    expect(limited.body.result.data).toEqual({ values: ["0.01", "0.1"] });
    const tags = await trpcQuery("runsTable.keyValues", { experimentIds: [experimentId], kind: "tags", key: "team" });
    expect(tags.body.result.data).toEqual({ values: ["nlp", "vision"] });
    const bad = await trpcQuery("runsTable.keyValues", { experimentIds: [experimentId], kind: "metrics", key: "lr" });
    expect(bad.status).toBe(400);
  });

  it("page adds min and max over each run's full history (NaN skipped) for the rangeKeys", async () => {
    const experimentId = await createExperiment(uniqueName("summaries"));
    const a = await createRun(experimentId, { run_name: "a" });
    const b = await createRun(experimentId, { run_name: "b" });
    const point = (key: string, value: number | string, step: number) => ({ key, value, timestamp: T0 + step, step });
    await logBatch(a, { metrics: [point("loss", 3, 0), point("loss", 1, 1), point("loss", "NaN", 2), point("loss", 2, 3), point("acc", 0.5, 0)] });
    await logBatch(b, { metrics: [point("loss", "NaN", 0)] });

    const res = await trpcQuery("runsTable.page", {
      experimentIds: [experimentId],
      orderBy: ["attributes.run_name ASC"],
      dataKeys: { metrics: ["loss"], params: [], tags: [] },
      rangeKeys: ["loss", "acc", "missing"],
    });
    const byRun = [
      { runId: a, key: "acc", min: 0.5, max: 0.5 },
      { runId: a, key: "loss", min: 1, max: 3 },
      { runId: b, key: "loss", min: null, max: null },
    ].sort((x, y) => (x.runId === y.runId ? 0 : x.runId < y.runId ? -1 : 1));
    expect(res.status).toBe(200);
    const page = res.body.result.data;
    expect(page.summaries).toEqual(byRun);
    expect(page.childCounts).toEqual({});
    expect(page.runs.map((r: { info: { runName: string }; data: unknown }) => [r.info.runName, r.data])).toEqual([
      ["a", { metrics: [{ key: "loss", value: 2, timestamp: T0 + 3, step: 3 }], params: [], tags: [] }],
      // NaN has no JSON spelling: tRPC sends it as null.
      ["b", { metrics: [{ key: "loss", value: null, timestamp: T0, step: 0 }], params: [], tags: [] }],
    ]);

    const tooMany = await trpcQuery("runsTable.page", { experimentIds: [experimentId], maxResults: 1001, rangeKeys: ["loss"] });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toBe("maxResults must be at most 1000 when rangeKeys are given.");
  });

  it("page with withChildCounts counts the runs naming each listed run in mlflow.parentRunId, per view", async () => {
    const experimentId = await createExperiment(uniqueName("children"));
    const parent = await createRun(experimentId, { run_name: "parent" });
    const lonely = await createRun(experimentId, { run_name: "lonely" });
    const children = [];
    for (const name of ["c1", "c2", "c3"]) {
      children.push(await createRun(experimentId, { run_name: name, tags: [{ key: "mlflow.parentRunId", value: parent }] }));
    }
    expect((await post("runs/delete", { run_id: children[2] })).status).toBe(200);

    const topLevel = "tags.`mlflow.parentRunId` IS NULL";
    const page = (runViewType: string) =>
      trpcQuery("runsTable.page", { experimentIds: [experimentId], filter: topLevel, runViewType, withChildCounts: true, dataKeys: { params: [], metrics: [], tags: [] } });
    const active = await page("ACTIVE_ONLY");
    expect(active.status).toBe(200);
    expect(active.body.result.data.runs.map((r: { info: { runId: string } }) => r.info.runId)).toEqual([lonely, parent]);
    expect(active.body.result.data.childCounts).toEqual({ [parent]: 2 });
    expect((await page("ALL")).body.result.data.childCounts).toEqual({ [parent]: 3 });
    // The deleted view lists no top-level run here, so there is nothing to count.
    expect((await page("DELETED_ONLY")).body.result.data).toMatchObject({ runs: [], childCounts: {} });
  });

  it("update deletes, restores and tags many runs in one transaction, all or nothing", async () => {
    const experimentId = await createExperiment(uniqueName("bulk"));
    const a = await createRun(experimentId, { run_name: "a" });
    const b = await createRun(experimentId, { run_name: "b" });
    const stageOf = async (runId: string) => (await post("runs/search", { experiment_ids: [experimentId], run_view_type: "ALL" })).body.runs
      .find((r: { info: { run_id: string } }) => r.info.run_id === runId).info.lifecycle_stage;

    const missing = await trpcMutation("runsTable.update", { runIds: [a, "0".repeat(32)], action: { type: "delete" } });
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe(`Run with id=${"0".repeat(32)} not found`);
    expect(await stageOf(a)).toBe("active");

    const deleted = await trpcMutation("runsTable.update", { runIds: [a, b, a], action: { type: "delete" } });
    expect(deleted).toEqual({ status: 200, body: { result: { data: { updated: 2 } } } });
    expect([await stageOf(a), await stageOf(b)]).toEqual(["deleted", "deleted"]);

    const restored = await trpcMutation("runsTable.update", { runIds: [b], action: { type: "restore" } });
    expect(restored.body.result.data).toEqual({ updated: 1 });
    expect([await stageOf(a), await stageOf(b)]).toEqual(["deleted", "active"]);

    const tagged = await trpcMutation("runsTable.update", { runIds: [b], action: { type: "setTag", tag: { key: "reviewed", value: "yes" } } });
    expect(tagged.status).toBe(200);
    const run = await get("runs/get", { run_id: b });
    expect(run.body.run.data.tags).toContainEqual({ key: "reviewed", value: "yes" });

    const empty = await trpcMutation("runsTable.update", { runIds: [], action: { type: "delete" } });
    expect(empty.status).toBe(400);
  });
});
