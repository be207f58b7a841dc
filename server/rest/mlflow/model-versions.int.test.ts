import { describe, expect, it } from "vitest";
import { createExperiment, createRun, errorOf, get, post, uniqueName } from "../../testing/api";
import { createModel, createVersion, del, patch } from "../../testing/registry";
import { API_DOCS_HINT, OK_EMPTY, reply } from "../../testing/runs";

const SOURCE = "mlflow-artifacts:/0/abc/artifacts/model";
const fetchVersion = (name: string, version: string) => get("model-versions/get", { name, version });
const versionNotFound = (name: string, version: string) => ({
  status: 404,
  code: "RESOURCE_DOES_NOT_EXIST",
  message: `Model Version (name=${name}, version=${version}) not found`,
});

describe("model-versions/create and get", () => {
  it("creates version 1 and answers it whole, with protobuf's empty defaults as MLflow sends them", async () => {
    const name = await createModel();
    const res = await post("model-versions/create", { name, source: SOURCE });
    expect(res.status).toBe(200);
    const created = res.body.model_version.creation_timestamp;
    expect(res.body).toEqual({
      model_version: {
        name,
        version: "1",
        creation_timestamp: created,
        last_updated_timestamp: created,
        current_stage: "None",
        description: "",
        source: SOURCE,
        run_id: "",
        status: "READY",
        run_link: "",
      },
    });
    expect(reply(await fetchVersion(name, "1"))).toEqual({ status: 200, body: res.body });
    // Registering a version updates the model.
    expect((await get("registered-models/get", { name })).body.registered_model.last_updated_timestamp).toBe(created);
  });

  it("keeps run_id, run_link, description, tags and MLflow 3's model_id", async () => {
    const name = await createModel();
    const runId = await createRun(await createExperiment());
    const res = await post("model-versions/create", {
      name,
      source: `runs:/${runId}/model`,
      run_id: runId,
      run_link: "http://elsewhere/#/runs/1",
      description: "first",
      tags: [{ key: "b", value: "2" }, { key: "a", value: "1" }],
      model_id: "m-0123456789abcdef0123456789abcdef",
    });
    expect(res.body.model_version).toEqual({
      name,
      version: "1",
      creation_timestamp: res.body.model_version.creation_timestamp,
      last_updated_timestamp: res.body.model_version.creation_timestamp,
      current_stage: "None",
      description: "first",
      source: `runs:/${runId}/model`,
      run_id: runId,
      status: "READY",
      run_link: "http://elsewhere/#/runs/1",
      tags: [{ key: "a", value: "1" }, { key: "b", value: "2" }],
      model_id: "m-0123456789abcdef0123456789abcdef",
    });
  });

  it("numbers versions 1, 2, 3 … per model, and never reuses a deleted number", async () => {
    const name = await createModel();
    const other = await createModel();
    expect((await createVersion(name)).version).toBe("1");
    expect((await createVersion(other)).version).toBe("1");
    expect((await createVersion(name)).version).toBe("2");
    expect(reply(await del("model-versions/delete", { name, version: "2" }))).toEqual(OK_EMPTY);
    expect((await createVersion(name)).version).toBe("3");
  });

  it("refuses unknown models and versions, and versions that are not integers", async () => {
    const name = uniqueName("rm");
    expect(errorOf(await post("model-versions/create", { name, source: SOURCE }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `Registered Model with name=${name} not found`,
    });
    const model = await createModel();
    expect(errorOf(await post("model-versions/create", { name: model }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Missing value for required parameter 'source'. ${API_DOCS_HINT}`,
    });
    expect(errorOf(await fetchVersion(model, "7"))).toEqual(versionNotFound(model, "7"));
    expect(errorOf(await fetchVersion(model, "99999999999"))).toEqual(versionNotFound(model, "99999999999"));
    expect(errorOf(await fetchVersion(model, "abc"))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "Parameter 'version' must be an integer, got 'abc'.",
    });
  });
});

describe("model-versions/update, delete, get-download-uri, tags", () => {
  it("updates the description with PATCH; an absent one clears it", async () => {
    const name = await createModel();
    const v1 = await createVersion(name);
    const res = await patch("model-versions/update", { name, version: "1", description: "better" });
    expect(res.body.model_version).toEqual({ ...v1, description: "better", last_updated_timestamp: res.body.model_version.last_updated_timestamp });
    const { description, ...withoutDescription } = res.body.model_version;
    expect(description).toBe("better");
    const cleared = await patch("model-versions/update", { name, version: 1 });
    expect(cleared.body.model_version).toEqual({ ...withoutDescription, last_updated_timestamp: cleared.body.model_version.last_updated_timestamp });
    expect(errorOf(await patch("model-versions/update", { name, version: "2", description: "x" }))).toEqual(versionNotFound(name, "2"));
  });

  it("deletes a version: it, its aliases and its place among latest_versions are gone", async () => {
    const name = await createModel();
    await createVersion(name);
    await createVersion(name);
    await post("registered-models/alias", { name, alias: "best", version: "2" });
    expect(reply(await del("model-versions/delete", { name, version: "2" }))).toEqual(OK_EMPTY);
    expect(errorOf(await fetchVersion(name, "2"))).toEqual(versionNotFound(name, "2"));
    expect(errorOf(await del("model-versions/delete", { name, version: "2" }))).toEqual(versionNotFound(name, "2"));
    const model = (await get("registered-models/get", { name })).body.registered_model;
    expect(model.aliases).toBeUndefined();
    expect(model.latest_versions.map((v: { version: string }) => v.version)).toEqual(["1"]);
    expect((await get("model-versions/get-download-uri", { name, version: "2" })).status).toBe(404);
  });

  it("answers the download URI of a version", async () => {
    const name = await createModel();
    await createVersion(name, { source: "s3://bucket/models/churn" });
    expect(reply(await get("model-versions/get-download-uri", { name, version: "1" }))).toEqual({
      status: 200,
      body: { artifact_uri: "s3://bucket/models/churn" },
    });
    expect(errorOf(await get("model-versions/get-download-uri", { name, version: "5" }))).toEqual(versionNotFound(name, "5"));
  });

  it("sets and deletes version tags; deleting an absent tag succeeds", async () => {
    const name = await createModel();
    await createVersion(name, { tags: [{ key: "k", value: "0" }] });
    expect(reply(await post("model-versions/set-tag", { name, version: "1", key: "k", value: "1" }))).toEqual(OK_EMPTY);
    await post("model-versions/set-tag", { name, version: "1", key: "j", value: "2" });
    expect((await fetchVersion(name, "1")).body.model_version.tags).toEqual([
      { key: "j", value: "2" },
      { key: "k", value: "1" },
    ]);
    expect(reply(await del("model-versions/delete-tag", { name, version: "1", key: "k" }))).toEqual(OK_EMPTY);
    expect(reply(await del("model-versions/delete-tag", { name, version: "1", key: "k" }))).toEqual(OK_EMPTY);
    expect((await fetchVersion(name, "1")).body.model_version.tags).toEqual([{ key: "j", value: "2" }]);
    expect(errorOf(await post("model-versions/set-tag", { name, version: "1", key: "v", value: "x".repeat(5001) }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "Tag value for key 'v' exceeds the maximum length of 5000 characters.",
    });
    expect(errorOf(await post("model-versions/set-tag", { name, version: "4", key: "k", value: "v" }))).toEqual(versionNotFound(name, "4"));
    expect(errorOf(await del("model-versions/delete-tag", { name, version: "4", key: "k" }))).toEqual(versionNotFound(name, "4"));
  });
});

describe("concurrent model-versions/create", () => {
  it("gives 20 parallel creates the versions 1..20 exactly, with no error", async () => {
    const name = await createModel("concurrent");
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => post("model-versions/create", { name, source: `${SOURCE}-${i}` })));
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    const versions = results.map((r) => Number(r.body.model_version.version)).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // Each answer names the version that holds its own source.
    for (const r of results) {
      const { version, source } = r.body.model_version;
      expect((await get("model-versions/get-download-uri", { name, version })).body.artifact_uri).toBe(source);
    }
  });
});

describe("versions outlive their runs and experiments", () => {
  it("still answers a version after its run and experiment are deleted", async () => {
    const experimentId = await createExperiment();
    const runId = await createRun(experimentId);
    const name = await createModel();
    const created = await createVersion(name, { source: `runs:/${runId}/model`, run_id: runId });
    await post("runs/delete", { run_id: runId });
    await post("experiments/delete", { experiment_id: experimentId });
    expect(reply(await fetchVersion(name, "1"))).toEqual({ status: 200, body: { model_version: created } });
    expect((await get("model-versions/get-download-uri", { name, version: "1" })).body).toEqual({ artifact_uri: `runs:/${runId}/model` });
  });
});
