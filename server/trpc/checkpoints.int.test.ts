import { describe, expect, inject, it } from "vitest";
import { createExperiment, createRun, get, post, uniqueName } from "../testing/api";

async function trpcQuery(path: string, input: unknown) {
  const res = await fetch(`${inject("baseUrl")}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  return { status: res.status, body: await res.json() };
}

async function trpcMutation(path: string, input: unknown) {
  const res = await fetch(`${inject("baseUrl")}/api/trpc/${path}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(input) });
  return { status: res.status, body: await res.json() };
}

const T0 = 1_760_000_000_000;

/** A checkpoint as MLflow 3 logs one: the model, the run's output at a step, metrics per dataset. */
async function logCheckpoint(experimentId: string, runId: string, name: string, step: number, metrics: [string, number | string, string][]) {
  const created = await post("logged-models", { experiment_id: experimentId, name, source_run_id: runId });
  const modelId: string = created.body.model.info.model_id;
  await post("runs/outputs", { run_id: runId, models: [{ model_id: modelId, step }] });
  for (const [i, [key, value, dataset]] of metrics.entries()) {
    await post("runs/log-metric", { run_id: runId, key, value, timestamp: T0 + step * 100 + i, step, model_id: modelId, dataset_name: dataset, dataset_digest: `d-${dataset}` });
  }
  return modelId;
}

describe("tRPC checkpoints", () => {
  it("compares the checkpoints of runs from two experiments: ordered by run then step, latest value per (metric, dataset)", async () => {
    const [expA, expB] = [await createExperiment(), await createExperiment()];
    const [runA, runB] = [await createRun(expA, { run_name: "a" }), await createRun(expB, { run_name: "b" })];
    const a2 = await logCheckpoint(expA, runA, "ckpt-2", 2, [["loss", 0.5, "val"], ["loss", 0.4, "val"], ["acc", "NaN", "test"]]);
    const a1 = await logCheckpoint(expA, runA, "ckpt-1", 1, [["loss", 0.9, "val"]]);
    const b5 = await logCheckpoint(expB, runB, "ckpt-5", 5, [["loss", 0.3, "val"]]);
    // Another run's checkpoint in the same experiment stays out.
    await logCheckpoint(expA, await createRun(expA), "other", 1, [["loss", 0.1, "val"]]);

    const res = await trpcQuery("checkpoints.compare", { runIds: [runB, runA, "0".repeat(32)] });
    expect(res.status).toBe(200);
    const data = res.body.result.data;
    expect(data.runs).toEqual([
      { runId: runB, runName: "b", experimentId: expB },
      { runId: runA, runName: "a", experimentId: expA },
    ]);
    expect(data.missingRunIds).toEqual(["0".repeat(32)]);
    expect(data.checkpoints.map((c: { modelId: string; name: string; runId: string; step: number; experimentId: string; status: string }) => [c.modelId, c.name, c.runId, c.step, c.experimentId, c.status])).toEqual([
      [b5, "ckpt-5", runB, 5, expB, "LOGGED_MODEL_PENDING"],
      [a1, "ckpt-1", runA, 1, expA, "LOGGED_MODEL_PENDING"],
      [a2, "ckpt-2", runA, 2, expA, "LOGGED_MODEL_PENDING"],
    ]);
    // Two points of loss on val at the same step: the later timestamp is the checkpoint's value; NaN as a word.
    expect(data.checkpoints[2].metrics).toEqual([
      { key: "acc", value: "NaN", step: 2, datasetName: "test", datasetDigest: "d-test" },
      { key: "loss", value: 0.4, step: 2, datasetName: "val", datasetDigest: "d-val" },
    ]);
    // The model page's and Models tab's reads send NaN as the word too (plain JSON would make it null).
    const got = await trpcQuery("loggedModels.get", { modelId: a2 });
    expect(got.body.result.data.model.data.metrics.map((m: { key: string; value: unknown }) => [m.key, m.value])).toEqual([
      ["acc", "NaN"],
      ["loss", 0.5],
      ["loss", 0.4],
    ]);
  });

  it("registers a checkpoint as a new version, creating the registered model the first time", async () => {
    const exp = await createExperiment();
    const run = await createRun(exp);
    const modelId = await logCheckpoint(exp, run, "best", 3, [["loss", 0.2, "val"]]);
    const name = uniqueName("registered");

    const first = await trpcMutation("checkpoints.register", { modelId, name });
    expect(first.status).toBe(200);
    expect(first.body.result.data.modelVersion).toMatchObject({ name, version: "1", source: `models:/${modelId}`, runId: run, modelId });
    const second = await trpcMutation("checkpoints.register", { modelId, name });
    expect(second.body.result.data.modelVersion).toMatchObject({ name, version: "2", modelId });

    const versions = await get("model-versions/search", { filter: `name='${name}'` });
    expect(versions.body.model_versions.map((v: { version: string }) => v.version).sort()).toEqual(["1", "2"]);
    const model = await get(`logged-models/${modelId}`);
    expect(model.body.model.info.tags).toContainEqual({ key: "mlflow.modelVersions", value: JSON.stringify([{ name, version: 1 }, { name, version: 2 }]) });
  });

  it("refuses to register a missing checkpoint and writes nothing", async () => {
    const name = uniqueName("never");
    const res = await trpcMutation("checkpoints.register", { modelId: "m-55555555555555555555555555555555", name });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe("Logged model with ID 'm-55555555555555555555555555555555' not found.");
    const registered = await get("registered-models/get", { name });
    expect(registered.status).toBe(404);
  });

  it("refuses bad input with BAD_REQUEST and no write", async () => {
    const tooMany = await trpcQuery("checkpoints.compare", { runIds: Array.from({ length: 101 }, (_, i) => String(i).padStart(32, "0")) });
    expect(tooMany.status).toBe(400);
    const none = await trpcQuery("checkpoints.compare", { runIds: [] });
    expect(none.status).toBe(400);
    const exp = await createExperiment();
    const modelId = await logCheckpoint(exp, await createRun(exp), "c", 1, []);
    const unnamed = await trpcMutation("checkpoints.register", { modelId, name: "" });
    expect(unnamed.status).toBe(400);
    const model = await get(`logged-models/${modelId}`);
    expect(model.body.model.info.tags ?? []).toEqual([]);
  });

  it("lists a logged model's artifact folder", async () => {
    const exp = await createExperiment();
    const modelId = await logCheckpoint(exp, await createRun(exp), "empty", 0, []);
    const res = await trpcQuery("loggedModels.listArtifacts", { modelId, artifactDirectoryPath: "" });
    expect(res.status).toBe(200);
    expect(res.body.result.data).toEqual({ rootUri: `mlflow-artifacts:/${exp}/models/${modelId}/artifacts`, files: [] });
  });
});
