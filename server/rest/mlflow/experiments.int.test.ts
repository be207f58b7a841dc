import { describe, expect, inject, it } from "vitest";
import { createExperiment, createRun, errorOf, get, post, uniqueName } from "../../testing/api";

const HINT = "See the API docs for more information about request parameters.";

/** The full wire form of a fresh experiment with the server's default artifact root. */
const experimentBody = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  experiment_id: id,
  name,
  artifact_location: `mlflow-artifacts:/${id}`,
  lifecycle_stage: "active",
  creation_time: expect.any(Number),
  last_update_time: expect.any(Number),
  ...extra,
});

const getExperiment = (id: string | number) => get("experiments/get", { experiment_id: id });
const runStage = async (runId: string) => (await get("runs/get", { run_id: runId })).body.run.info.lifecycle_stage;

describe("experiments/create, get, get-by-name", () => {
  it("creates an experiment that get and get-by-name return in full", async () => {
    const name = uniqueName("create");
    const created = await post("experiments/create", { name });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ experiment_id: expect.stringMatching(/^[1-9]\d*$/) });
    const id = created.body.experiment_id;

    const byId = await getExperiment(id);
    expect(byId.status).toBe(200);
    expect(byId.body).toEqual({ experiment: experimentBody(id, name) });
    expect(byId.body.experiment.last_update_time).toBe(byId.body.experiment.creation_time);

    const byName = await get("experiments/get-by-name", { experiment_name: name });
    expect(byName.status).toBe(200);
    expect(byName.body).toEqual(byId.body);
  });

  it("keeps a custom artifact_location and returns the tags, ordered by key", async () => {
    const name = uniqueName("custom");
    const id = await createExperiment(name, {
      artifact_location: "s3://bucket/some/path",
      tags: [
        { key: "team", value: "vision" },
        { key: "owner", value: "ada" },
        { key: "empty" },
      ],
    });
    expect((await getExperiment(id)).body).toEqual({
      experiment: experimentBody(id, name, {
        artifact_location: "s3://bucket/some/path",
        tags: [
          { key: "empty", value: "" },
          { key: "owner", value: "ada" },
          { key: "team", value: "vision" },
        ],
      }),
    });
  });

  it("has the default experiment 0 named Default", async () => {
    const res = await getExperiment("0");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ experiment: experimentBody("0", "Default") });
    expect((await get("experiments/get-by-name", { experiment_name: "Default" })).body).toEqual(res.body);
  });

  it("refuses a duplicate name, also one held by a deleted experiment", async () => {
    const name = uniqueName("dup");
    const id = await createExperiment(name);
    const again = await post("experiments/create", { name });
    expect(errorOf(again)).toEqual({ status: 400, code: "RESOURCE_ALREADY_EXISTS", message: `Experiment(name=${name}) already exists.` });

    await post("experiments/delete", { experiment_id: id });
    expect(errorOf(await post("experiments/create", { name }))).toEqual(errorOf(again));
  });

  it("requires a name", async () => {
    const missing = { status: 400, code: "INVALID_PARAMETER_VALUE", message: `Missing value for required parameter 'name'. ${HINT}` };
    expect(errorOf(await post("experiments/create", {}))).toEqual(missing);
    expect(errorOf(await post("experiments/create", { name: "" }))).toEqual(missing);
  });

  it("rejects names over 500 characters and runs:/ artifact locations", async () => {
    expect(errorOf(await post("experiments/create", { name: "x".repeat(501) }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "Experiment name exceeds the maximum length of 500 characters.",
    });
    expect(errorOf(await post("experiments/create", { name: uniqueName("runs"), artifact_location: "runs:/abc/x" }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "Artifact location cannot be a runs:/ URI. Given: 'runs:/abc/x'",
    });
  });

  it("answers RESOURCE_DOES_NOT_EXIST for unknown and non-numeric ids and names", async () => {
    expect(errorOf(await getExperiment("987654321"))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: "No Experiment with id=987654321 exists",
    });
    expect(errorOf(await getExperiment("abc"))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: "No Experiment with id=abc exists",
    });
    const name = uniqueName("nope");
    expect(errorOf(await get("experiments/get-by-name", { experiment_name: name }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `Could not find experiment with name '${name}'`,
    });
  });

  it("requires experiment_id and experiment_name", async () => {
    expect(errorOf(await get("experiments/get"))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Missing value for required parameter 'experiment_id'. ${HINT}`,
    });
    expect(errorOf(await get("experiments/get-by-name"))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Missing value for required parameter 'experiment_name'. ${HINT}`,
    });
  });

  it("answers identically under the /ajax-api/2.0/mlflow prefix", async () => {
    const name = uniqueName("ajax");
    const res = await fetch(`${inject("baseUrl")}/ajax-api/2.0/mlflow/experiments/create`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name }),
    });
    expect(res.status).toBe(200);
    const { experiment_id: id } = await res.json();

    const viaAjax = await fetch(`${inject("baseUrl")}/ajax-api/2.0/mlflow/experiments/get?experiment_id=${id}`);
    expect(viaAjax.status).toBe(200);
    expect(await viaAjax.json()).toEqual((await getExperiment(id)).body);

    const missing = await fetch(`${inject("baseUrl")}/ajax-api/2.0/mlflow/experiments/get?experiment_id=987654321`);
    expect({ status: missing.status, body: await missing.json() }).toEqual({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST", message: "No Experiment with id=987654321 exists" },
    });
  });
});

describe("experiments/update", () => {
  it("renames an experiment and bumps last_update_time; ids may be JSON numbers", async () => {
    const id = await createExperiment();
    const before = (await getExperiment(id)).body.experiment;
    const newName = uniqueName("renamed");
    const res = await post("experiments/update", { experiment_id: Number(id), new_name: newName });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});

    const after = (await getExperiment(id)).body.experiment;
    expect(after).toEqual(experimentBody(id, newName, { creation_time: before.creation_time }));
    expect(after.last_update_time).toBeGreaterThanOrEqual(before.last_update_time);
    expect((await get("experiments/get-by-name", { experiment_name: newName })).body.experiment.experiment_id).toBe(id);
  });

  it("refuses a name another experiment holds", async () => {
    const taken = uniqueName("taken");
    await createExperiment(taken);
    const id = await createExperiment();
    expect(errorOf(await post("experiments/update", { experiment_id: id, new_name: taken }))).toEqual({
      status: 400,
      code: "RESOURCE_ALREADY_EXISTS",
      message: `Experiment(name=${taken}) already exists.`,
    });
  });

  it("refuses to rename a deleted experiment with INVALID_STATE (400: MLflow's 500 would make clients retry)", async () => {
    const id = await createExperiment();
    await post("experiments/delete", { experiment_id: id });
    expect(errorOf(await post("experiments/update", { experiment_id: id, new_name: uniqueName("x") }))).toEqual({
      status: 400,
      code: "INVALID_STATE",
      message: `Cannot rename a non-active experiment. Experiment ${id} is deleted.`,
    });
  });

  it("requires new_name and a known experiment", async () => {
    const id = await createExperiment();
    expect(errorOf(await post("experiments/update", { experiment_id: id }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Missing value for required parameter 'new_name'. ${HINT}`,
    });
    expect(errorOf(await post("experiments/update", { experiment_id: "987654321", new_name: uniqueName("x") }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: "No Experiment with id=987654321 exists",
    });
  });
});

describe("experiments/delete and restore", () => {
  it("deletes an experiment with all its runs and restores them together", async () => {
    const name = uniqueName("lifecycle");
    const id = await createExperiment(name);
    const [kept, deletedBefore] = [await createRun(id), await createRun(id)];
    await post("runs/delete", { run_id: deletedBefore });

    const deleted = await post("experiments/delete", { experiment_id: Number(id) });
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({});
    expect((await getExperiment(id)).body).toEqual({ experiment: experimentBody(id, name, { lifecycle_stage: "deleted" }) });
    expect((await get("experiments/get-by-name", { experiment_name: name })).body.experiment.lifecycle_stage).toBe("deleted");
    expect([await runStage(kept), await runStage(deletedBefore)]).toEqual(["deleted", "deleted"]);

    const restored = await post("experiments/restore", { experiment_id: Number(id) });
    expect(restored.status).toBe(200);
    expect(restored.body).toEqual({});
    expect((await getExperiment(id)).body).toEqual({ experiment: experimentBody(id, name) });
    // MLflow restores every run of the experiment, also one deleted on its own before.
    expect([await runStage(kept), await runStage(deletedBefore)]).toEqual(["active", "active"]);
  });

  it("treats a deleted experiment as missing for delete, and an active one for restore, as MLflow", async () => {
    const id = await createExperiment();
    const missing = { status: 404, code: "RESOURCE_DOES_NOT_EXIST", message: `No Experiment with id=${id} exists` };
    expect(errorOf(await post("experiments/restore", { experiment_id: id }))).toEqual(missing);
    await post("experiments/delete", { experiment_id: id });
    expect(errorOf(await post("experiments/delete", { experiment_id: id }))).toEqual(missing);
  });

  it("cannot delete the default experiment", async () => {
    expect(errorOf(await post("experiments/delete", { experiment_id: "0" }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "Cannot delete the default experiment '0'. This is an internally reserved experiment.",
    });
    expect((await getExperiment("0")).body.experiment.lifecycle_stage).toBe("active");
  });

  it("answers RESOURCE_DOES_NOT_EXIST for unknown ids", async () => {
    for (const path of ["experiments/delete", "experiments/restore"]) {
      expect(errorOf(await post(path, { experiment_id: 987654321 }))).toEqual({
        status: 404,
        code: "RESOURCE_DOES_NOT_EXIST",
        message: "No Experiment with id=987654321 exists",
      });
    }
  });
});
