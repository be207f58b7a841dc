import { describe, expect, inject, it } from "vitest";
import { createExperiment, createRun, errorOf, get, post } from "../../testing/api";
import { API_DOCS_HINT, fetchHistory, fetchRun, notActive, OK_EMPTY, reply, T0 } from "../../testing/runs";

// A run's links to logged models (log-inputs models, runs/outputs checkpoints), metrics logged
// against models and datasets, and experiments/search-datasets.

async function createModel(experimentId: string, name: string): Promise<string> {
  const res = await post("logged-models", { experiment_id: experimentId, name });
  expect(res.status, res.text).toBe(200);
  return res.body.model.info.model_id;
}

const missingModel = "m-33333333333333333333333333333333";
const modelNotFound = { status: 404, code: "RESOURCE_DOES_NOT_EXIST", message: `Logged model with ID '${missingModel}' not found.` };

describe("runs/outputs and log-inputs models", () => {
  it("lists a run's checkpoints with their steps and the models it used", async () => {
    const experimentId = await createExperiment();
    const runId = await createRun(experimentId);
    const [base, ck1, ck2] = [await createModel(experimentId, "base"), await createModel(experimentId, "ck1"), await createModel(experimentId, "ck2")];
    expect(reply(await post("runs/outputs", { run_id: runId, models: [{ model_id: ck2, step: 200 }, { model_id: ck1, step: "100" }] }))).toEqual(OK_EMPTY);
    // A replayed output changes nothing.
    expect(reply(await post("runs/outputs", { run_id: runId, models: [{ model_id: ck1, step: 100 }] }))).toEqual(OK_EMPTY);
    expect(reply(await post("runs/log-inputs", { run_id: runId, models: [{ model_id: base }] }))).toEqual(OK_EMPTY);
    const run = (await fetchRun(runId)).body.run;
    expect(run.inputs).toEqual({ model_inputs: [{ model_id: base }] });
    expect(run.outputs).toEqual({
      model_outputs: [
        { model_id: ck1, step: 100 },
        { model_id: ck2, step: 200 },
      ],
    });
    // runs/search returns them too.
    const searched = await post("runs/search", { experiment_ids: [experimentId] });
    expect(searched.body.runs[0].outputs).toEqual(run.outputs);
    expect(searched.body.runs[0].inputs).toEqual(run.inputs);
  });

  it("rejects unknown models, a missing list and inactive runs, writing nothing", async () => {
    const experimentId = await createExperiment();
    const runId = await createRun(experimentId);
    const model = await createModel(experimentId, "m");
    expect(errorOf(await post("runs/outputs", { run_id: runId, models: [{ model_id: model, step: 1 }, { model_id: missingModel, step: 2 }] }))).toEqual(modelNotFound);
    expect(errorOf(await post("runs/log-inputs", { run_id: runId, models: [{ model_id: missingModel }] }))).toEqual(modelNotFound);
    expect(errorOf(await post("runs/outputs", { run_id: runId }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Missing value for required parameter 'models'. ${API_DOCS_HINT}`,
    });
    expect(errorOf(await post("runs/outputs", { run_id: runId, models: [{ model_id: model, step: "x" }] }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Invalid value "x" for parameter 'models[0].step' supplied: expected an integer. ${API_DOCS_HINT}`,
    });
    expect((await fetchRun(runId)).body.run.outputs).toEqual({});
    await post("runs/delete", { run_id: runId });
    expect(errorOf(await post("runs/outputs", { run_id: runId, models: [{ model_id: model, step: 1 }] }))).toEqual(notActive("run", runId));
    expect(errorOf(await post("runs/outputs", { run_id: "0".repeat(32), models: [{ model_id: model, step: 1 }] }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `Run with id=${"0".repeat(32)} not found`,
    });
  });
});

describe("metrics logged against models and datasets", () => {
  it("keeps model_id / dataset_name / dataset_digest on the history and feeds the model's metrics", async () => {
    const experimentId = await createExperiment();
    const runId = await createRun(experimentId);
    const model = await createModel(experimentId, "ck");
    expect(
      reply(await post("runs/log-metric", { run_id: runId, key: "acc", value: 0.5, timestamp: T0, step: 1, model_id: model, dataset_name: "val", dataset_digest: "d1" })),
    ).toEqual(OK_EMPTY);
    expect(
      reply(
        await post("runs/log-batch", {
          run_id: runId,
          metrics: [
            { key: "acc", value: "NaN", timestamp: T0 + 1, step: 2, model_id: model, dataset_name: "val", dataset_digest: "d1" },
            { key: "acc", value: 0.25, timestamp: T0 + 2, step: 3 },
          ],
        }),
      ),
    ).toEqual(OK_EMPTY);
    expect((await fetchHistory(runId, "acc")).body).toEqual({
      metrics: [
        { key: "acc", value: 0.5, timestamp: T0, step: 1, dataset_name: "val", dataset_digest: "d1", model_id: model },
        { key: "acc", value: "NaN", timestamp: T0 + 1, step: 2, dataset_name: "val", dataset_digest: "d1", model_id: model },
        { key: "acc", value: 0.25, timestamp: T0 + 2, step: 3 },
      ],
    });
    // As in MLflow, a run's latest metrics carry no model or dataset.
    expect((await fetchRun(runId)).body.run.data.metrics).toEqual([{ key: "acc", value: 0.25, timestamp: T0 + 2, step: 3 }]);
    expect((await get(`logged-models/${model}`)).body.model.data).toEqual({
      metrics: [
        { key: "acc", value: 0.5, timestamp: T0, step: 1, dataset_name: "val", dataset_digest: "d1", model_id: model, run_id: runId },
        { key: "acc", value: "NaN", timestamp: T0 + 1, step: 2, dataset_name: "val", dataset_digest: "d1", model_id: model, run_id: runId },
      ],
    });
    // A replay is ignored everywhere.
    await post("runs/log-metric", { run_id: runId, key: "acc", value: 0.5, timestamp: T0, step: 1, model_id: model, dataset_name: "val", dataset_digest: "d1" });
    expect((await get(`logged-models/${model}`)).body.model.data.metrics).toHaveLength(2);
    expect((await fetchHistory(runId, "acc")).body.metrics).toHaveLength(3);
  });

  it("keeps one evaluation per dataset when a checkpoint is measured on several at the same step and time", async () => {
    const experimentId = await createExperiment();
    const runId = await createRun(experimentId);
    const model = await createModel(experimentId, "ck");
    const point = (dataset: string, value: number) => ({ key: "acc", value, timestamp: T0, step: 5, model_id: model, dataset_name: dataset, dataset_digest: "d" });
    await post("runs/log-batch", { run_id: runId, metrics: [point("val", 0.8), point("test", 0.7)] });
    await post("runs/log-batch", { run_id: runId, metrics: [point("val", 0.8)] });
    expect((await get(`logged-models/${model}`)).body.model.data.metrics.map((m: { dataset_name: string; value: number }) => [m.dataset_name, m.value])).toEqual([
      ["test", 0.7],
      ["val", 0.8],
    ]);
  });

  it("keeps a metric for a model it does not know on the history only", async () => {
    const experimentId = await createExperiment();
    const runId = await createRun(experimentId);
    const res = await post("runs/log-batch", { run_id: runId, metrics: [{ key: "b", value: 1, timestamp: T0, model_id: missingModel, dataset_name: "val" }] });
    expect(reply(res)).toEqual(OK_EMPTY);
    expect((await fetchHistory(runId, "b")).body).toEqual({ metrics: [{ key: "b", value: 1, timestamp: T0, step: 0, model_id: missingModel, dataset_name: "val" }] });
    expect(errorOf(await get(`logged-models/${missingModel}`))).toEqual(modelNotFound);
    expect(errorOf(await post("runs/log-metric", { run_id: runId, key: "a", value: 1, timestamp: T0, dataset_name: "x".repeat(501) }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: expect.stringContaining("for parameter 'dataset_name' supplied"),
    });
  });
});

describe("experiments/search-datasets", () => {
  it("summarises the datasets runs used, per context, deduplicated per experiment", async () => {
    const [e1, e2] = [await createExperiment(), await createExperiment()];
    const ds = (name: string, digest: string, context?: string) => ({
      dataset: { name, digest, source_type: "local", source: "{}" },
      ...(context && { tags: [{ key: "mlflow.data.context", value: context }] }),
    });
    const [r1, r2, r3] = [await createRun(e1), await createRun(e1), await createRun(e2)];
    await post("runs/log-inputs", { run_id: r1, datasets: [ds("mnist", "d1", "train"), ds("mnist", "d1", "train"), ds("mnist-test", "d2", "eval")] });
    await post("runs/log-inputs", { run_id: r2, datasets: [ds("mnist", "d1", "train"), ds("raw", "d3")] });
    await post("runs/log-inputs", { run_id: r3, datasets: [ds("mnist", "d1", "eval")] });

    const res = await post("experiments/search-datasets", { experiment_ids: [e1, e2] });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      dataset_summaries: [
        { experiment_id: e1, name: "mnist", digest: "d1", context: "train" },
        { experiment_id: e1, name: "mnist-test", digest: "d2", context: "eval" },
        { experiment_id: e1, name: "raw", digest: "d3" },
        { experiment_id: e2, name: "mnist", digest: "d1", context: "eval" },
      ],
    });
    // The UI's path, and an experiment without datasets.
    const ajax = await fetch(`${inject("baseUrl")}/ajax-api/2.0/mlflow/experiments/search-datasets`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ experiment_ids: [e2] }),
    });
    expect(await ajax.json()).toEqual({ dataset_summaries: [{ experiment_id: e2, name: "mnist", digest: "d1", context: "eval" }] });
    expect((await post("experiments/search-datasets", { experiment_ids: [await createExperiment()] })).body).toEqual({});
  });

  it("requires 1 to 20 experiment ids", async () => {
    expect(errorOf(await post("experiments/search-datasets", {}))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "SearchDatasets request must specify at least one experiment_id.",
    });
    const ids = Array.from({ length: 21 }, (_, i) => String(i));
    expect(errorOf(await post("experiments/search-datasets", { experiment_ids: ids }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "SearchDatasets request cannot specify more than 20 experiment_ids. Received 21 experiment_ids.",
    });
  });
});
