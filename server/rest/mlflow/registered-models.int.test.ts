import { describe, expect, it } from "vitest";
import { apiRoot, errorOf, get, post, uniqueName } from "../../testing/api";
import { createModel, createVersion, del, patch } from "../../testing/registry";
import { API_DOCS_HINT, OK_EMPTY, reply } from "../../testing/runs";

const fetchModel = (name: string) => get("registered-models/get", { name });
const notFound = (name: string) => ({ status: 404, code: "RESOURCE_DOES_NOT_EXIST", message: `Registered Model with name=${name} not found` });

describe("registered-models/create and get", () => {
  it("creates a model and answers it whole; get answers the same", async () => {
    const name = uniqueName("rm");
    const res = await post("registered-models/create", {
      name,
      description: "churn model",
      tags: [{ key: "team", value: "growth" }, { key: "env", value: "x" }, { key: "env", value: "prod" }],
    });
    expect(res.status).toBe(200);
    const { creation_timestamp: created } = res.body.registered_model;
    expect(res.body).toEqual({
      registered_model: {
        name,
        creation_timestamp: created,
        last_updated_timestamp: created,
        description: "churn model",
        tags: [{ key: "env", value: "prod" }, { key: "team", value: "growth" }],
      },
    });
    expect(Math.abs(created - Date.now())).toBeLessThan(60_000);
    expect(reply(await fetchModel(name))).toEqual({ status: 200, body: res.body });
  });

  it("leaves an absent description out", async () => {
    const name = uniqueName("rm");
    const res = await post("registered-models/create", { name });
    expect(Object.keys(res.body.registered_model).sort()).toEqual(["creation_timestamp", "last_updated_timestamp", "name"]);
  });

  it("refuses a taken name, a missing name, bad tags and unknown models", async () => {
    const name = await createModel();
    expect(errorOf(await post("registered-models/create", { name }))).toEqual({
      status: 400,
      code: "RESOURCE_ALREADY_EXISTS",
      message: `Registered Model (name=${name}) already exists.`,
    });
    expect(errorOf(await post("registered-models/create", { description: "x" }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Missing value for required parameter 'name'. ${API_DOCS_HINT}`,
    });
    const bad = uniqueName("rm");
    expect(errorOf(await post("registered-models/create", { name: bad, tags: [{ key: "v", value: "x".repeat(5001) }] }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "Tag value for key 'v' exceeds the maximum length of 5000 characters.",
    });
    expect(errorOf(await fetchModel(bad))).toEqual(notFound(bad));
    expect(errorOf(await get("registered-models/get", {}))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Missing value for required parameter 'name'. ${API_DOCS_HINT}`,
    });
  });

  it("is served under /ajax-api too", async () => {
    const name = await createModel();
    const ajaxRoot = apiRoot().replace("/api/2.0/mlflow", "/ajax-api/2.0/mlflow");
    const res = await fetch(`${ajaxRoot}/registered-models/get?name=${encodeURIComponent(name)}`);
    expect(res.status).toBe(200);
    expect((await res.json()).registered_model.name).toBe(name);
  });
});

describe("registered-models/update, rename and delete", () => {
  it("updates the description with PATCH (POST is not the method)", async () => {
    const name = await createModel("rm", { description: "old" });
    const before = (await fetchModel(name)).body.registered_model;
    const res = await patch("registered-models/update", { name, description: "new" });
    expect(res.status).toBe(200);
    expect(res.body.registered_model).toEqual({ ...before, description: "new", last_updated_timestamp: res.body.registered_model.last_updated_timestamp });
    expect(res.body.registered_model.last_updated_timestamp).toBeGreaterThanOrEqual(before.last_updated_timestamp);
    expect((await post("registered-models/update", { name, description: "x" })).status).toBe(405);
    // Without a description the description is cleared (MLflow stores the empty default).
    expect((await patch("registered-models/update", { name })).body.registered_model.description).toBeUndefined();
    const missing = uniqueName("rm");
    expect(errorOf(await patch("registered-models/update", { name: missing, description: "x" }))).toEqual(notFound(missing));
  });

  it("renames a model together with its versions; a taken name is refused", async () => {
    const name = await createModel();
    await createVersion(name);
    await post("registered-models/set-tag", { name, key: "k", value: "v" });
    await post("registered-models/alias", { name, alias: "champion", version: "1" });
    const newName = uniqueName("renamed");
    const res = await post("registered-models/rename", { name, new_name: newName });
    expect(res.status).toBe(200);
    expect(res.body.registered_model).toMatchObject({
      name: newName,
      tags: [{ key: "k", value: "v" }],
      aliases: [{ alias: "champion", version: "1" }],
      latest_versions: [{ name: newName, version: "1", current_stage: "None" }],
    });
    expect(errorOf(await fetchModel(name))).toEqual(notFound(name));
    const version = await get("model-versions/get", { name: newName, version: "1" });
    expect(version.body.model_version).toMatchObject({ name: newName, version: "1", aliases: ["champion"] });
    expect(version.body.model_version.last_updated_timestamp).toBe(res.body.registered_model.last_updated_timestamp);

    const other = await createModel();
    expect(errorOf(await post("registered-models/rename", { name: other, new_name: newName }))).toEqual({
      status: 400,
      code: "RESOURCE_ALREADY_EXISTS",
      message: `Registered Model (name=${newName}) already exists.`,
    });
    expect((await fetchModel(other)).status).toBe(200);
    expect(errorOf(await post("registered-models/rename", { name: other }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Missing value for required parameter 'new_name'. ${API_DOCS_HINT}`,
    });
    expect(errorOf(await post("registered-models/rename", { name: name, new_name: uniqueName("x") }))).toEqual(notFound(name));
  });

  it("deletes a model with its versions", async () => {
    const name = await createModel();
    await createVersion(name);
    expect(reply(await del("registered-models/delete", { name }))).toEqual(OK_EMPTY);
    expect(errorOf(await fetchModel(name))).toEqual(notFound(name));
    expect((await get("model-versions/get", { name, version: "1" })).status).toBe(404);
    expect(errorOf(await del("registered-models/delete", { name }))).toEqual(notFound(name));
    // The name is free again, and numbering starts over with the new model.
    await post("registered-models/create", { name });
    expect((await createVersion(name)).version).toBe("1");
  });
});

describe("registered-models/set-tag and delete-tag", () => {
  it("upserts and deletes tags; deleting an absent tag succeeds", async () => {
    const name = await createModel();
    expect(reply(await post("registered-models/set-tag", { name, key: "stage", value: "draft" }))).toEqual(OK_EMPTY);
    await post("registered-models/set-tag", { name, key: "stage", value: "final" });
    await post("registered-models/set-tag", { name, key: "a.b", value: "" });
    expect((await fetchModel(name)).body.registered_model.tags).toEqual([
      { key: "a.b", value: "" },
      { key: "stage", value: "final" },
    ]);
    expect(reply(await del("registered-models/delete-tag", { name, key: "stage" }))).toEqual(OK_EMPTY);
    expect(reply(await del("registered-models/delete-tag", { name, key: "stage" }))).toEqual(OK_EMPTY);
    expect((await fetchModel(name)).body.registered_model.tags).toEqual([{ key: "a.b", value: "" }]);
  });

  it("refuses bad keys and unknown models", async () => {
    const name = await createModel();
    expect(errorOf(await post("registered-models/set-tag", { name, key: "bad!key", value: "v" }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message:
        "Invalid tag name: 'bad!key'. Names may only contain alphanumerics, underscores (_), dashes (-), " +
        "periods (.), spaces ( ), colon(:) and slashes (/).",
    });
    expect(errorOf(await post("registered-models/set-tag", { name, value: "v" }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Missing value for required parameter 'key'. ${API_DOCS_HINT}`,
    });
    const missing = uniqueName("rm");
    expect(errorOf(await post("registered-models/set-tag", { name: missing, key: "k", value: "v" }))).toEqual(notFound(missing));
    expect(errorOf(await del("registered-models/delete-tag", { name: missing, key: "k" }))).toEqual(notFound(missing));
  });
});
