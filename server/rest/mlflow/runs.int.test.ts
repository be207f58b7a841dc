import { describe, expect, it } from "vitest";
import { createExperiment, createRun, errorOf, get, post, uniqueName } from "../../testing/api";
import { API_DOCS_HINT, fetchRun, notActive, OK_EMPTY, reply, sortedData, T0 } from "../../testing/runs";

// Run lifecycle over HTTP: create, get, update, delete and restore. Tags, params and metrics of
// single calls are in run-data.int.test.ts, log-batch in log-batch.int.test.ts.

const MISSING_EXPERIMENT_ID = "2147483647"; // the largest id we accept; the serial never gets there

async function artifactLocationOf(experimentId: string): Promise<string> {
  return (await get("experiments/get", { experiment_id: experimentId })).body.experiment.artifact_location;
}

describe("runs/create", () => {
  it("generates an adjective-noun-number name of at most 20 characters, mirrored in mlflow.runName", async () => {
    const exp = await createExperiment();
    const artifactLocation = await artifactLocationOf(exp);
    const before = Date.now();
    // The name is random: look at enough of them to catch a bad word or a missing length check.
    for (let i = 0; i < 20; i++) {
      const res = await post("runs/create", { experiment_id: exp });
      expect(res.status).toBe(200);
      const { info } = res.body.run;
      expect(info.run_name).toMatch(/^[a-z]+-[a-z]+-\d{1,4}$/);
      expect(info.run_name.length).toBeLessThanOrEqual(20);
      expect(info.start_time).toBeGreaterThanOrEqual(before);
      expect(info.start_time).toBeLessThanOrEqual(Date.now());
      expect(res.body).toEqual({
        run: {
          info: {
            run_id: info.run_id,
            run_uuid: info.run_id,
            run_name: info.run_name,
            experiment_id: exp,
            user_id: "",
            status: "RUNNING",
            start_time: info.start_time,
            artifact_uri: `${artifactLocation}/${info.run_id}/artifacts`,
            lifecycle_stage: "active",
          },
          data: { tags: [{ key: "mlflow.runName", value: info.run_name }] },
          inputs: {},
          outputs: {},
        },
      });
      expect(info.run_id).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it("keeps run_name, user_id, tags and a start_time sent as a string", async () => {
    const exp = await createExperiment();
    const res = await post("runs/create", {
      experiment_id: exp,
      run_name: "my-run",
      user_id: "alice",
      start_time: String(T0),
      tags: [
        { key: "mlflow.runName", value: "my-run" },
        { key: "team", value: "vision" },
      ],
    });
    expect(res.status).toBe(200);
    const runId = res.body.run.info.run_id;
    expect(res.body.run.info).toEqual({
      run_id: runId,
      run_uuid: runId,
      run_name: "my-run",
      experiment_id: exp,
      user_id: "alice",
      status: "RUNNING",
      start_time: T0,
      artifact_uri: `${await artifactLocationOf(exp)}/${runId}/artifacts`,
      lifecycle_stage: "active",
    });
    expect(sortedData(res)).toEqual({
      tags: [
        { key: "mlflow.runName", value: "my-run" },
        { key: "team", value: "vision" },
      ],
    });
  });

  it("takes the run name from the mlflow.runName tag when run_name is absent", async () => {
    const exp = await createExperiment();
    const res = await post("runs/create", { experiment_id: exp, tags: [{ key: "mlflow.runName", value: "from-tag" }] });
    expect(res.body.run.info.run_name).toBe("from-tag");
  });

  it("rejects a run_name that contradicts the mlflow.runName tag, creating nothing", async () => {
    const exp = await createExperiment();
    const res = await post("runs/create", {
      experiment_id: exp,
      run_name: "a",
      tags: [{ key: "mlflow.runName", value: "b" }],
    });
    expect(errorOf(res)).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message:
        "Both 'run_name' argument and 'mlflow.runName' tag are specified, but with different values (run_name='a', mlflow.runName='b').",
    });
    expect((await post("runs/search", { experiment_ids: [exp] })).body).toEqual({});
  });

  it("builds artifact_uri from an explicit experiment artifact_location", async () => {
    const exp = await createExperiment(uniqueName("exp"), { artifact_location: "s3://bucket/some/prefix" });
    const res = await post("runs/create", { experiment_id: exp });
    expect(res.body.run.info.artifact_uri).toBe(`s3://bucket/some/prefix/${res.body.run.info.run_id}/artifacts`);
  });

  it("accepts experiment_id as a JSON number", async () => {
    const exp = await createExperiment();
    const res = await post("runs/create", { experiment_id: Number(exp) });
    expect(res.status).toBe(200);
    expect(res.body.run.info.experiment_id).toBe(exp);
  });

  it("refuses a deleted experiment with 400 and an unknown one with 404", async () => {
    const exp = await createExperiment();
    await post("experiments/delete", { experiment_id: exp });
    expect(errorOf(await post("runs/create", { experiment_id: exp }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `The experiment ${exp} must be in the 'active' state. Current state is deleted.`,
    });
    expect(errorOf(await post("runs/create", { experiment_id: MISSING_EXPERIMENT_ID }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `No Experiment with id=${MISSING_EXPERIMENT_ID} exists`,
    });
  });

  it("rejects a run name longer than 250 characters", async () => {
    const exp = await createExperiment();
    expect(errorOf(await post("runs/create", { experiment_id: exp, run_name: "n".repeat(251) }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Run name '${"n".repeat(40)}…' exceeds the maximum length of 250 characters.`,
    });
  });
});

describe("runs/get", () => {
  it("returns the whole run: both id fields, data, and empty inputs/outputs", async () => {
    const exp = await createExperiment();
    const runId = await createRun(exp, { run_name: "r", user_id: "bob", start_time: T0 });
    await post("runs/log-batch", {
      run_id: runId,
      params: [{ key: "lr", value: "0.1" }],
      tags: [{ key: "t", value: "v" }],
      metrics: [{ key: "loss", value: 0.5, timestamp: T0 + 1, step: 2 }],
    });
    const res = await fetchRun(runId);
    expect(res.status).toBe(200);
    expect({ ...res.body, run: { ...res.body.run, data: sortedData(res) } }).toEqual({
      run: {
        info: {
          run_id: runId,
          run_uuid: runId,
          run_name: "r",
          experiment_id: exp,
          user_id: "bob",
          status: "RUNNING",
          start_time: T0,
          artifact_uri: `${await artifactLocationOf(exp)}/${runId}/artifacts`,
          lifecycle_stage: "active",
        },
        data: {
          metrics: [{ key: "loss", value: 0.5, timestamp: T0 + 1, step: 2 }],
          params: [{ key: "lr", value: "0.1" }],
          tags: [
            { key: "mlflow.runName", value: "r" },
            { key: "t", value: "v" },
          ],
        },
        inputs: {},
        outputs: {},
      },
    });
  });

  it("still returns a deleted run, marked deleted", async () => {
    const runId = await createRun(await createExperiment());
    await post("runs/delete", { run_id: runId });
    const res = await fetchRun(runId);
    expect(res.status).toBe(200);
    expect(res.body.run.info.lifecycle_stage).toBe("deleted");
  });

  it("answers 404 for an unknown run and 400 without run_id", async () => {
    expect(errorOf(await fetchRun("0123456789abcdef0123456789abcdef"))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: "Run with id=0123456789abcdef0123456789abcdef not found",
    });
    expect(errorOf(await get("runs/get"))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Missing value for required parameter 'run_id'. ${API_DOCS_HINT}`,
    });
  });
});

describe("runs/update", () => {
  it("changes only the fields given and returns run_info", async () => {
    const exp = await createExperiment();
    const runId = await createRun(exp, { run_name: "before", start_time: T0 });
    const info = (await fetchRun(runId)).body.run.info;

    const byNumber = await post("runs/update", { run_id: runId, status: 3 }); // 3 = FINISHED
    expect(byNumber.status).toBe(200);
    expect(byNumber.body).toEqual({ run_info: { ...info, status: "FINISHED" } });

    const withEnd = await post("runs/update", { run_id: runId, end_time: T0 + 500 });
    expect(withEnd.body).toEqual({ run_info: { ...info, status: "FINISHED", end_time: T0 + 500 } });

    const byName = await post("runs/update", { run_id: runId, status: "KILLED" });
    expect(byName.body).toEqual({ run_info: { ...info, status: "KILLED", end_time: T0 + 500 } });

    const renamed = await post("runs/update", { run_id: runId, run_name: "after" });
    expect(renamed.body).toEqual({ run_info: { ...info, run_name: "after", status: "KILLED", end_time: T0 + 500 } });
    const run = await fetchRun(runId);
    expect(run.body.run.info).toEqual(renamed.body.run_info);
    expect(run.body.run.data.tags).toEqual([{ key: "mlflow.runName", value: "after" }]);
  });

  it("rejects an unknown status and an unknown run", async () => {
    const runId = await createRun(await createExperiment());
    expect(errorOf(await post("runs/update", { run_id: runId, status: "DONE" }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Invalid value "DONE" for parameter 'status' supplied: expected one of RUNNING, SCHEDULED, FINISHED, FAILED, KILLED. ${API_DOCS_HINT}`,
    });
    expect(errorOf(await post("runs/update", { run_id: "f".repeat(32), status: "FINISHED" }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `Run with id=${"f".repeat(32)} not found`,
    });
  });
});

describe("runs/delete and runs/restore", () => {
  it("moves lifecycle_stage and rejects every write while deleted", async () => {
    const runId = await createRun(await createExperiment());
    await post("runs/set-tag", { run_id: runId, key: "keep", value: "me" });
    expect(reply(await post("runs/delete", { run_id: runId }))).toEqual(OK_EMPTY);
    expect((await fetchRun(runId)).body.run.info.lifecycle_stage).toBe("deleted");

    const writes: [string, object][] = [
      ["runs/set-tag", { key: "k", value: "v" }],
      ["runs/delete-tag", { key: "keep" }],
      ["runs/log-parameter", { key: "p", value: "v" }],
      ["runs/log-metric", { key: "m", value: 1, timestamp: T0 }],
      ["runs/log-batch", { tags: [{ key: "k", value: "v" }] }],
      ["runs/update", { status: "FINISHED" }],
    ];
    for (const [path, body] of writes) {
      expect(errorOf(await post(path, { run_id: runId, ...body })), path).toEqual(notActive("run", runId));
    }

    expect(reply(await post("runs/restore", { run_id: runId }))).toEqual(OK_EMPTY);
    const restored = await fetchRun(runId);
    expect(restored.body.run.info.lifecycle_stage).toBe("active");
    expect(restored.body.run.info.status).toBe("RUNNING"); // none of the rejected writes landed
    expect(sortedData(restored).tags).toEqual([
      { key: "keep", value: "me" },
      { key: "mlflow.runName", value: restored.body.run.info.run_name },
    ]);
    expect((await post("runs/set-tag", { run_id: runId, key: "k", value: "v" })).status).toBe(200);
  });

  it("answers 404 for unknown runs", async () => {
    const id = "e".repeat(32);
    for (const path of ["runs/delete", "runs/restore"]) {
      expect(errorOf(await post(path, { run_id: id }))).toEqual({
        status: 404,
        code: "RESOURCE_DOES_NOT_EXIST",
        message: `Run with id=${id} not found`,
      });
    }
  });
});
