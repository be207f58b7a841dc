import { describe, expect, inject, it } from "vitest";
import { createExperiment, createRun, errorOf, get, post, send, uniqueName } from "../../testing/api";
import { API_DOCS_HINT, OK_EMPTY, reply } from "../../testing/runs";

// MLflow 3 logged models over REST: create, get, finalize, delete, tags, params, artifact listing.

const MODEL_ID = /^m-[0-9a-f]{32}$/;
const notFound = (modelId: string) => ({ status: 404, code: "RESOURCE_DOES_NOT_EXIST", message: `Logged model with ID '${modelId}' not found.` });

async function createModel(experimentId: string, extra: Record<string, unknown> = {}) {
  const res = await post("logged-models", { experiment_id: experimentId, ...extra });
  expect(res.status, res.text).toBe(200);
  return res.body.model;
}

async function artifactLocationOf(experimentId: string): Promise<string> {
  return (await get("experiments/get", { experiment_id: experimentId })).body.experiment.artifact_location;
}

describe("POST logged-models (create)", () => {
  it("creates a PENDING model with an m-<32 hex> id, the given fields and its artifact location", async () => {
    const experimentId = await createExperiment();
    const runId = await createRun(experimentId);
    const before = Date.now();
    const model = await createModel(experimentId, {
      name: "resnet",
      model_type: "classifier",
      source_run_id: runId,
      params: [{ key: "lr", value: "0.1" }, { key: "epochs", value: "10" }],
      tags: [{ key: "team", value: "vision" }],
    });
    expect(model.info.model_id).toMatch(MODEL_ID);
    expect(model.info.creation_timestamp_ms).toBeGreaterThanOrEqual(before);
    expect(model).toEqual({
      info: {
        model_id: model.info.model_id,
        experiment_id: experimentId,
        name: "resnet",
        creation_timestamp_ms: model.info.creation_timestamp_ms,
        last_updated_timestamp_ms: model.info.creation_timestamp_ms,
        artifact_uri: `${await artifactLocationOf(experimentId)}/models/${model.info.model_id}/artifacts`,
        status: "LOGGED_MODEL_PENDING",
        model_type: "classifier",
        source_run_id: runId,
        tags: [{ key: "team", value: "vision" }],
      },
      data: { params: [{ key: "epochs", value: "10" }, { key: "lr", value: "0.1" }] },
    });
    // The same model through both URL prefixes.
    const ajax = await fetch(`${inject("baseUrl")}/ajax-api/2.0/mlflow/logged-models/${model.info.model_id}`);
    expect(await ajax.json()).toEqual({ model });
  });

  it("generates a name when none (or an empty one) is given", async () => {
    const experimentId = await createExperiment();
    for (const extra of [{}, { name: "" }]) {
      const model = await createModel(experimentId, extra);
      expect(model.info.name).toMatch(/^[a-z]+-[a-z]+-\d+$/);
    }
  });

  it("rejects a missing or unknown experiment, a deleted one, and names MLflow forbids", async () => {
    expect(errorOf(await post("logged-models", {}))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Missing value for required parameter 'experiment_id'. ${API_DOCS_HINT}`,
    });
    expect(errorOf(await post("logged-models", { experiment_id: "987654" }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: "No Experiment with id=987654 exists",
    });
    const deleted = await createExperiment();
    await post("experiments/delete", { experiment_id: deleted });
    expect(errorOf(await post("logged-models", { experiment_id: deleted }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `The experiment ${deleted} must be in the 'active' state. Current state is deleted.`,
    });
    const experimentId = await createExperiment();
    expect(errorOf(await post("logged-models", { experiment_id: experimentId, name: "a/b" }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Invalid model name ('a/b') provided. Model name must be a non-empty string and cannot contain the following characters: / : . % " '`,
    });
    expect(errorOf(await post("logged-models", { experiment_id: experimentId, params: [{ key: "a", value: "1" }, { key: "a", value: "2" }] }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "Duplicate parameter key 'a' in one request; send one value per key.",
    });
    // Nothing was written by the refused requests.
    expect((await post("logged-models/search", { experiment_ids: [experimentId] })).body).toEqual({});
  });
});

describe("GET / PATCH / DELETE logged-models/{model_id}", () => {
  it("finalizes to READY or UPLOAD_FAILED (by name or number) and bumps last_updated", async () => {
    const experimentId = await createExperiment();
    const { info } = await createModel(experimentId);
    const ready = await send("PATCH", `logged-models/${info.model_id}`, { model_id: info.model_id, status: "LOGGED_MODEL_READY" });
    expect(ready.status, ready.text).toBe(200);
    expect(ready.body.model.info.status).toBe("LOGGED_MODEL_READY");
    expect(ready.body.model.info.last_updated_timestamp_ms).toBeGreaterThanOrEqual(info.last_updated_timestamp_ms);
    expect((await get(`logged-models/${info.model_id}`)).body).toEqual(ready.body);

    const failed = await send("PATCH", `logged-models/${info.model_id}`, { status: 3 });
    expect(failed.body.model.info.status).toBe("LOGGED_MODEL_UPLOAD_FAILED");
  });

  it("rejects finalizing to PENDING or an unknown status, and unknown models", async () => {
    const experimentId = await createExperiment();
    const { info } = await createModel(experimentId);
    expect(errorOf(await send("PATCH", `logged-models/${info.model_id}`, { status: "LOGGED_MODEL_PENDING" }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "Invalid value 'LOGGED_MODEL_PENDING' for parameter 'status': a model is finalized as LOGGED_MODEL_READY or LOGGED_MODEL_UPLOAD_FAILED.",
    });
    expect(errorOf(await send("PATCH", `logged-models/${info.model_id}`, { status: "DONE" }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Invalid value "DONE" for parameter 'status' supplied: expected one of LOGGED_MODEL_PENDING, LOGGED_MODEL_READY, LOGGED_MODEL_UPLOAD_FAILED. ${API_DOCS_HINT}`,
    });
    expect(errorOf(await send("PATCH", `logged-models/${info.model_id}`, {}))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Missing value for required parameter 'status'. ${API_DOCS_HINT}`,
    });
    const missing = "m-00000000000000000000000000000000";
    expect(errorOf(await send("PATCH", `logged-models/${missing}`, { status: "LOGGED_MODEL_READY" }))).toEqual(notFound(missing));
    expect(errorOf(await get(`logged-models/${missing}`))).toEqual(notFound(missing));
    expect(errorOf(await send("DELETE", `logged-models/${missing}`))).toEqual(notFound(missing));
  });

  it("soft-deletes: get answers 404 unless allow_deleted=true, and delete again is 404", async () => {
    const experimentId = await createExperiment();
    const { info } = await createModel(experimentId, { name: "gone" });
    expect(reply(await send("DELETE", `logged-models/${info.model_id}`))).toEqual(OK_EMPTY);
    expect(errorOf(await get(`logged-models/${info.model_id}`))).toEqual(notFound(info.model_id));
    expect(errorOf(await get(`logged-models/${info.model_id}`, { allow_deleted: "false" }))).toEqual(notFound(info.model_id));
    const kept = await get(`logged-models/${info.model_id}`, { allow_deleted: "true" });
    expect(kept.status).toBe(200);
    expect(kept.body.model.info).toMatchObject({ model_id: info.model_id, name: "gone", status: "LOGGED_MODEL_PENDING" });
    expect(errorOf(await send("DELETE", `logged-models/${info.model_id}`))).toEqual(notFound(info.model_id));
    expect(errorOf(await get(`logged-models/${info.model_id}`, { allow_deleted: "maybe" }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Invalid value "maybe" for parameter 'allow_deleted' supplied: expected true or false. ${API_DOCS_HINT}`,
    });
  });

  it("answers 405 for a method the path does not serve", async () => {
    const res = await post(`logged-models/m-00000000000000000000000000000000`, {});
    expect(errorOf(res)).toEqual({
      status: 405,
      code: "ENDPOINT_NOT_FOUND",
      message: "Method POST is not allowed for logged-models/m-00000000000000000000000000000000; use GET or PATCH or DELETE.",
    });
  });
});

describe("logged model tags and params", () => {
  it("upserts tags (last value wins) and deletes one; a missing key is 404", async () => {
    const experimentId = await createExperiment();
    const { info } = await createModel(experimentId, { tags: [{ key: "a", value: "1" }] });
    const path = `logged-models/${info.model_id}/tags`;
    expect(reply(await send("PATCH", path, { tags: [{ key: "a", value: "2" }, { key: "b", value: "x" }, { key: "b", value: "y" }] }))).toEqual(OK_EMPTY);
    expect((await get(`logged-models/${info.model_id}`)).body.model.info.tags).toEqual([
      { key: "a", value: "2" },
      { key: "b", value: "y" },
    ]);
    expect(reply(await send("DELETE", `${path}/a`))).toEqual(OK_EMPTY);
    // A key with a slash travels as the rest of the path.
    await send("PATCH", path, { tags: [{ key: "mlflow.source/name", value: "nb" }] });
    expect(reply(await send("DELETE", `${path}/mlflow.source/name`))).toEqual(OK_EMPTY);
    expect((await get(`logged-models/${info.model_id}`)).body.model.info.tags).toEqual([{ key: "b", value: "y" }]);
    expect(errorOf(await send("DELETE", `${path}/a`))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `No tag with key 'a' found for model with ID '${info.model_id}'.`,
    });
    expect(errorOf(await send("PATCH", path, { tags: [{ value: "v" }] }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Missing value for required parameter 'tags[0].key'. ${API_DOCS_HINT}`,
    });
    expect(errorOf(await send("PATCH", path, { tags: [{ key: "k".repeat(251), value: "v" }] }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `tag name '${"k".repeat(40)}…' exceeds the maximum length of 250 characters.`,
    });
    const missing = "m-11111111111111111111111111111111";
    expect(errorOf(await send("PATCH", `logged-models/${missing}/tags`, { tags: [] }))).toEqual(notFound(missing));
  });

  it("logs params idempotently and refuses to change a value", async () => {
    const experimentId = await createExperiment();
    const { info } = await createModel(experimentId, { params: [{ key: "lr", value: "0.1" }] });
    const path = `logged-models/${info.model_id}/params`;
    expect(reply(await post(path, { model_id: info.model_id, params: [{ key: "lr", value: "0.1" }, { key: "bs", value: "32" }] }))).toEqual(OK_EMPTY);
    expect((await get(`logged-models/${info.model_id}`)).body.model.data).toEqual({
      params: [
        { key: "bs", value: "32" },
        { key: "lr", value: "0.1" },
      ],
    });
    expect(errorOf(await post(path, { params: [{ key: "lr", value: "0.2" }, { key: "new", value: "1" }] }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Changing param values is not allowed. Param with key='lr' was already logged with value='0.1' for model ID='${info.model_id}'. Attempted logging new value '0.2'.`,
    });
    // All or nothing: "new" was not written.
    expect((await get(`logged-models/${info.model_id}`)).body.model.data.params.map((p: { key: string }) => p.key)).toEqual(["bs", "lr"]);
  });
});

describe("GET logged-models/{model_id}/artifacts/directories", () => {
  it("lists the model's artifacts with model-relative paths and its root_uri", async () => {
    const experimentId = await createExperiment(uniqueName("lm-art"));
    const { info } = await createModel(experimentId);
    const proxied = info.artifact_uri.replace(/^mlflow-artifacts:\//, "");
    for (const [path, body] of [["MLmodel", "flavors: {}"], ["data/model.pkl", "12345"]]) {
      const res = await fetch(`${inject("baseUrl")}/api/2.0/mlflow-artifacts/artifacts/${proxied}/${path}`, { method: "PUT", body });
      expect(res.status).toBe(200);
    }
    const path = `logged-models/${info.model_id}/artifacts/directories`;
    expect((await get(path)).body).toEqual({
      root_uri: info.artifact_uri,
      files: [
        { path: "MLmodel", is_dir: false, file_size: 11 },
        { path: "data", is_dir: true },
      ],
    });
    expect((await get(path, { artifact_directory_path: "data" })).body).toEqual({
      root_uri: info.artifact_uri,
      files: [{ path: "data/model.pkl", is_dir: false, file_size: 5 }],
    });
    expect(errorOf(await get(path, { artifact_directory_path: "../../etc" })).status).toBe(400);

    // The UI's file download (ajax-api): whole file, a byte range, and errors.
    const file = (query: string, headers: Record<string, string> = {}) =>
      fetch(`${inject("baseUrl")}/ajax-api/2.0/mlflow/logged-models/${info.model_id}/artifacts/files?${query}`, { headers });
    const whole = await file("artifact_file_path=data/model.pkl");
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-disposition")).toContain("model.pkl");
    expect(await whole.text()).toBe("12345");
    const part = await file("artifact_file_path=data/model.pkl", { range: "bytes=1-2" });
    expect([part.status, await part.text()]).toEqual([206, "23"]);
    const noPath = await file("");
    expect([noPath.status, (await noPath.json()).message]).toEqual([400, `Missing value for required parameter 'artifact_file_path'. ${API_DOCS_HINT}`]);
    const missing = "m-22222222222222222222222222222222";
    expect(errorOf(await get(`logged-models/${missing}/artifacts/directories`))).toEqual(notFound(missing));
  });
});
