import { beforeAll, describe, expect, it } from "vitest";
import { createExperiment, createRun, errorOf, get, post, uniqueName } from "../../testing/api";

const dataset = (name: string, digest: string) => ({
  name,
  digest,
  source_type: "local",
  source: `{"uri": "/data/${name}.parquet"}`,
});
const input = (name: string, digest: string, context?: string) => ({
  dataset: dataset(name, digest),
  ...(context && { tags: [{ key: "mlflow.data.context", value: context }] }),
});

async function logInputs(runId: string, datasets: unknown[]) {
  const res = await post("runs/log-inputs", { run_id: runId, datasets });
  expect(res.status, res.text).toBe(200);
  expect(res.body).toEqual({});
}

describe("runs/log-inputs", () => {
  it("records datasets with their context tag and returns them in runs/get", async () => {
    const runId = await createRun(await createExperiment(uniqueName("ds")));
    await logInputs(runId, [
      { ...input("train", "abc123", "training"), dataset: { ...dataset("train", "abc123"), schema: '{"x":"int"}', profile: '{"rows":10}' } },
      input("eval", "def456", "eval"),
    ]);
    // Logging the same input again changes nothing.
    await logInputs(runId, [input("eval", "def456", "eval")]);
    const res = await get("runs/get", { run_id: runId });
    expect(res.body.run.inputs).toEqual({
      dataset_inputs: [
        { tags: [{ key: "mlflow.data.context", value: "eval" }], dataset: dataset("eval", "def456") },
        {
          tags: [{ key: "mlflow.data.context", value: "training" }],
          dataset: { ...dataset("train", "abc123"), schema: '{"x":"int"}', profile: '{"rows":10}' },
        },
      ],
    });
  });

  it("returns each input's own tags in name order, and none for an input without tags, in runs/get and runs/search", async () => {
    const experimentId = await createExperiment(uniqueName("ds-tags"));
    const runId = await createRun(experimentId);
    await logInputs(runId, [
      { dataset: dataset("a", "d1"), tags: [{ key: "z.note", value: "last" }, { key: "mlflow.data.context", value: "training" }] },
      { dataset: dataset("b", "d2") },
      input("c", "d3", "eval"),
    ]);
    const expected = {
      dataset_inputs: [
        { tags: [{ key: "mlflow.data.context", value: "training" }, { key: "z.note", value: "last" }], dataset: dataset("a", "d1") },
        { dataset: dataset("b", "d2") },
        { tags: [{ key: "mlflow.data.context", value: "eval" }], dataset: dataset("c", "d3") },
      ],
    };
    expect((await get("runs/get", { run_id: runId })).body.run.inputs).toEqual(expected);
    expect((await post("runs/search", { experiment_ids: [experimentId] })).body.runs[0].inputs).toEqual(expected);
  });

  it("rejects missing dataset fields, over-long values and deleted runs", async () => {
    const runId = await createRun(await createExperiment(uniqueName("ds-bad")));
    expect(errorOf(await post("runs/log-inputs", { run_id: runId, datasets: [{ dataset: { name: "x", digest: "d", source_type: "local" } }] }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "Missing value for required parameter 'datasets[0].dataset.source'. See the API docs for more information about request parameters.",
    });
    expect(errorOf(await post("runs/log-inputs", { run_id: runId, datasets: [input("x", "d".repeat(37))] }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Dataset digest '${"d".repeat(37).slice(0, 40)}…' exceeds the maximum length of 36 characters.`,
    });
    await post("runs/delete", { run_id: runId });
    expect(errorOf(await post("runs/log-inputs", { run_id: runId, datasets: [input("x", "d")] }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `The run ${runId} must be in the 'active' state. Current state is deleted.`,
    });
    expect((await get("runs/get", { run_id: runId })).body.run.inputs).toEqual({});
  });
});

describe("runs/search datasets. filters", () => {
  let experimentId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    experimentId = await createExperiment(uniqueName("ds-search"));
    for (const name of ["a", "b", "c", "none"]) ids[name] = await createRun(experimentId, { run_name: name });
    await logInputs(ids.a, [input("mnist", "d1", "training"), input("mnist-test", "d2", "eval")]);
    await logInputs(ids.b, [input("mnist", "d1", "eval")]);
    await logInputs(ids.c, [input("cifar", "d9", "training")]);
  });

  async function names(filter: string): Promise<string[]> {
    const res = await post("runs/search", { experiment_ids: [experimentId], filter, order_by: ["attributes.run_name ASC"] });
    expect(res.status, res.text).toBe(200);
    return (res.body.runs ?? []).map((r: { info: { run_name: string } }) => r.info.run_name);
  }

  it.each([
    ["datasets.name = 'mnist'", ["a", "b"]],
    ["dataset.name != 'mnist'", ["a", "c"]],
    ["datasets.name LIKE 'mnist%'", ["a", "b"]],
    ["datasets.name ILIKE 'CIFAR'", ["c"]],
    ["datasets.digest IN ('d2', 'd9')", ["a", "c"]],
    ["datasets.digest NOT IN ('d1')", ["a", "c"]],
    ["datasets.context = 'training'", ["a", "c"]],
    ["datasets.context = 'eval' AND datasets.name = 'mnist'", ["a", "b"]],
    ["datasets.name = 'imagenet'", []],
  ])("%s", async (filter, expected) => {
    expect(await names(filter)).toEqual(expected);
  });

  it("rejects an unknown dataset field", async () => {
    const res = await post("runs/search", { experiment_ids: [experimentId], filter: "datasets.size = '1'" });
    expect(errorOf(res)).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "Invalid dataset key 'size' at position 0. Valid keys are name, digest and context",
    });
  });
});
