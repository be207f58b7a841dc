import { describe, expect, it } from "vitest";
import { createExperiment, createRun, errorOf, post } from "../../testing/api";
import { API_DOCS_HINT, fetchHistory, fetchRun, OK_EMPTY, reply, sortedData, T0 } from "../../testing/runs";

// The single-item writes: set-tag, delete-tag, log-parameter and log-metric.

describe("runs/set-tag and runs/delete-tag", () => {
  it("upserts a tag", async () => {
    const runId = await createRun(await createExperiment(), { run_name: "n" });
    expect(reply(await post("runs/set-tag", { run_id: runId, key: "stage", value: "one" }))).toEqual(OK_EMPTY);
    await post("runs/set-tag", { run_id: runId, key: "stage", value: "two" });
    expect(sortedData(await fetchRun(runId)).tags).toEqual([
      { key: "mlflow.runName", value: "n" },
      { key: "stage", value: "two" },
    ]);
  });

  it("renames the run when mlflow.runName is set, and refuses names over 250 characters", async () => {
    const runId = await createRun(await createExperiment(), { run_name: "old" });
    await post("runs/set-tag", { run_id: runId, key: "mlflow.runName", value: "new" });
    const run = await fetchRun(runId);
    expect(run.body.run.info.run_name).toBe("new");
    expect(run.body.run.data.tags).toEqual([{ key: "mlflow.runName", value: "new" }]);

    // The tag may hold 8000 characters but the name column 250: a clear 400, not a database error.
    expect(errorOf(await post("runs/set-tag", { run_id: runId, key: "mlflow.runName", value: "x".repeat(251) }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Run name '${"x".repeat(40)}…' exceeds the maximum length of 250 characters.`,
    });
    expect((await fetchRun(runId)).body.run.info.run_name).toBe("new");
  });

  it("deletes a tag, and answers 404 for a tag that is not there", async () => {
    const runId = await createRun(await createExperiment(), { run_name: "n" });
    await post("runs/set-tag", { run_id: runId, key: "gone", value: "soon" });
    expect(reply(await post("runs/delete-tag", { run_id: runId, key: "gone" }))).toEqual(OK_EMPTY);
    expect((await fetchRun(runId)).body.run.data.tags).toEqual([{ key: "mlflow.runName", value: "n" }]);
    expect(errorOf(await post("runs/delete-tag", { run_id: runId, key: "gone" }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `No tag with name: gone in run with id ${runId}`,
    });
  });
});

describe("runs/log-parameter", () => {
  it("logs a param; the same value again is a no-op, a different one an error naming both", async () => {
    const runId = await createRun(await createExperiment());
    expect(reply(await post("runs/log-parameter", { run_id: runId, key: "lr", value: "0.1" }))).toEqual(OK_EMPTY);
    expect(reply(await post("runs/log-parameter", { run_id: runId, key: "lr", value: "0.1" }))).toEqual(OK_EMPTY);
    expect(errorOf(await post("runs/log-parameter", { run_id: runId, key: "lr", value: "0.2" }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message:
        `Changing param values is not allowed. Param with key='lr' was already logged with value='0.1' ` +
        `for run ID='${runId}'. Attempted logging new value '0.2'.`,
    });
    expect((await fetchRun(runId)).body.run.data.params).toEqual([{ key: "lr", value: "0.1" }]);
  });

  it("requires a key", async () => {
    const runId = await createRun(await createExperiment());
    expect(errorOf(await post("runs/log-parameter", { run_id: runId, value: "v" }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Missing value for required parameter 'key'. ${API_DOCS_HINT}`,
    });
  });
});

describe("runs/log-metric", () => {
  it("appends a point (step defaults to 0) with its dataset and model fields", async () => {
    const runId = await createRun(await createExperiment());
    expect(reply(await post("runs/log-metric", { run_id: runId, key: "acc", value: 0.25, timestamp: T0 }))).toEqual(OK_EMPTY);
    await post("runs/log-metric", {
      run_id: runId,
      key: "acc",
      value: 0.75,
      timestamp: T0 + 1,
      step: 1,
      dataset_name: "train",
      dataset_digest: "abc123",
      model_id: "m-1",
    });
    expect((await fetchHistory(runId, "acc")).body).toEqual({
      metrics: [
        { key: "acc", value: 0.25, timestamp: T0, step: 0 },
        { key: "acc", value: 0.75, timestamp: T0 + 1, step: 1, dataset_name: "train", dataset_digest: "abc123", model_id: "m-1" },
      ],
    });
    expect((await fetchRun(runId)).body.run.data.metrics).toEqual([{ key: "acc", value: 0.75, timestamp: T0 + 1, step: 1 }]);
  });

  it("requires value and timestamp, and refuses a boolean value", async () => {
    const runId = await createRun(await createExperiment());
    expect(errorOf(await post("runs/log-metric", { run_id: runId, key: "m", timestamp: T0 }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Missing value for required parameter 'value'. ${API_DOCS_HINT}`,
    });
    expect(errorOf(await post("runs/log-metric", { run_id: runId, key: "m", value: 1 }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Missing value for required parameter 'timestamp'. ${API_DOCS_HINT}`,
    });
    expect(errorOf(await post("runs/log-metric", { run_id: runId, key: "m", value: true, timestamp: T0 }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Invalid value true for parameter 'value' supplied: expected a number. ${API_DOCS_HINT}`,
    });
    expect((await fetchHistory(runId, "m")).body).toEqual({});
  });
});
