import { describe, expect, it } from "vitest";
import { errorOf, get, post, uniqueName } from "../../testing/api";
import { createModel, createVersion, del } from "../../testing/registry";
import { OK_EMPTY, reply } from "../../testing/runs";

const transition = (name: string, version: string, stage: string, archive?: boolean) =>
  post("model-versions/transition-stage", { name, version, stage, ...(archive === undefined ? {} : { archive_existing_versions: archive }) });
const stageOf = async (name: string, version: string) => (await get("model-versions/get", { name, version })).body.model_version.current_stage;
const versionsOf = (list: { version: string; current_stage: string }[]) => list.map((v) => `${v.version}:${v.current_stage}`);

describe("model-versions/transition-stage", () => {
  it("moves a version to a stage given in any letter case", async () => {
    const name = await createModel();
    const v1 = await createVersion(name);
    const res = await transition(name, "1", "staging");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      model_version: { ...v1, current_stage: "Staging", last_updated_timestamp: res.body.model_version.last_updated_timestamp },
    });
    expect((await get("registered-models/get", { name })).body.registered_model.last_updated_timestamp).toBe(
      res.body.model_version.last_updated_timestamp,
    );
  });

  it("archives the versions already in the stage only when asked", async () => {
    const name = await createModel();
    for (let i = 0; i < 4; i++) await createVersion(name);
    await transition(name, "1", "Production");
    await transition(name, "2", "Production", false);
    expect([await stageOf(name, "1"), await stageOf(name, "2")]).toEqual(["Production", "Production"]);
    await transition(name, "3", "Staging");

    const res = await transition(name, "4", "PRODUCTION", true);
    expect(res.body.model_version.current_stage).toBe("Production");
    expect(await Promise.all(["1", "2", "3", "4"].map((v) => stageOf(name, v)))).toEqual(["Archived", "Archived", "Staging", "Production"]);
    // Archived versions count as updated at the transition.
    const archived = (await get("model-versions/get", { name, version: "1" })).body.model_version;
    expect(archived.last_updated_timestamp).toBe(res.body.model_version.last_updated_timestamp);
  });

  it("refuses unknown stages, archiving from a stage that is not active, and unknown versions", async () => {
    const name = await createModel();
    await createVersion(name);
    expect(errorOf(await transition(name, "1", "Prod"))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "Invalid Model Version stage: Prod. Value must be one of None, Staging, Production, Archived.",
    });
    expect(errorOf(await transition(name, "1", "archived", true))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message:
        "Model version transition cannot archive existing model versions because 'archived' is not an Active stage. " +
        "Valid stages are Staging, Production",
    });
    expect(errorOf(await transition(name, "9", "Staging"))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `Model Version (name=${name}, version=9) not found`,
    });
    expect(await stageOf(name, "1")).toBe("None");
  });
});

describe("latest versions per stage", () => {
  it("lists the newest version of each stage on the model and through get-latest-versions", async () => {
    const name = await createModel();
    for (let i = 0; i < 5; i++) await createVersion(name);
    await transition(name, "1", "Production");
    await transition(name, "3", "Staging");
    await transition(name, "4", "Production");
    // Stages in the order they first occur by version: Production (1), None (2), Staging (3).
    const model = (await get("registered-models/get", { name })).body.registered_model;
    expect(versionsOf(model.latest_versions)).toEqual(["4:Production", "5:None", "3:Staging"]);
    // latest_versions carry tags but, as in MLflow, no aliases.
    await post("registered-models/alias", { name, alias: "prod", version: "4" });
    const again = (await get("registered-models/get", { name })).body.registered_model;
    expect(again.latest_versions[0].aliases).toBeUndefined();
    expect(again.latest_versions[0]).toEqual({ ...(await get("model-versions/get", { name, version: "4" })).body.model_version, aliases: undefined });

    const all = await post("registered-models/get-latest-versions", { name });
    expect(versionsOf(all.body.model_versions)).toEqual(["4:Production", "5:None", "3:Staging"]);
    expect(all.body.model_versions[0].aliases).toEqual(["prod"]);
    const some = await get("registered-models/get-latest-versions", { name, stages: ["staging", "Production"] });
    expect(versionsOf(some.body.model_versions)).toEqual(["4:Production", "3:Staging"]);
    expect(reply(await post("registered-models/get-latest-versions", { name, stages: ["Archived"] }))).toEqual({ status: 200, body: {} });
    expect(errorOf(await post("registered-models/get-latest-versions", { name, stages: ["Live"] }))).toMatchObject({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
    });
    const missing = uniqueName("rm");
    expect(errorOf(await post("registered-models/get-latest-versions", { name: missing }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `Registered Model with name=${missing} not found`,
    });
  });
});

describe("registered-models/alias", () => {
  it("sets, reads, moves and deletes an alias", async () => {
    const name = await createModel();
    await createVersion(name);
    await createVersion(name);
    expect(reply(await post("registered-models/alias", { name, alias: "champion", version: "1" }))).toEqual(OK_EMPTY);
    const byAlias = await get("registered-models/alias", { name, alias: "champion" });
    expect(byAlias.body.model_version).toMatchObject({ name, version: "1", aliases: ["champion"] });
    expect((await get("registered-models/get", { name })).body.registered_model.aliases).toEqual([{ alias: "champion", version: "1" }]);

    // Setting it on version 2 moves it there.
    await post("registered-models/alias", { name, alias: "champion", version: 2 });
    expect((await get("model-versions/get", { name, version: "1" })).body.model_version.aliases).toBeUndefined();
    expect((await get("model-versions/get", { name, version: "2" })).body.model_version.aliases).toEqual(["champion"]);
    await post("registered-models/alias", { name, alias: "challenger", version: "2" });
    expect((await get("registered-models/alias", { name, alias: "champion" })).body.model_version).toMatchObject({
      version: "2",
      aliases: ["challenger", "champion"],
    });
    expect((await get("registered-models/get", { name })).body.registered_model.aliases).toEqual([
      { alias: "challenger", version: "2" },
      { alias: "champion", version: "2" },
    ]);

    expect(reply(await del("registered-models/alias", { name, alias: "champion" }))).toEqual(OK_EMPTY);
    expect(reply(await del("registered-models/alias", { name, alias: "champion" }))).toEqual(OK_EMPTY);
    expect(errorOf(await get("registered-models/alias", { name, alias: "champion" }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "Registered model alias champion not found.",
    });
  });

  it("refuses reserved and malformed names, and versions that do not exist", async () => {
    const name = await createModel();
    await createVersion(name);
    const refused = async (alias: string) => errorOf(await post("registered-models/alias", { name, alias, version: "1" }));
    expect(await refused("Latest")).toEqual({ status: 400, code: "INVALID_PARAMETER_VALUE", message: "'latest' alias name (case insensitive) is reserved." });
    expect(await refused("v12")).toEqual({ status: 400, code: "INVALID_PARAMETER_VALUE", message: "Version alias name 'v12' is reserved." });
    expect(await refused("a.b")).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "Invalid alias name: 'a.b'. Names may only contain alphanumerics, underscores (_), and dashes (-).",
    });
    expect(errorOf(await post("registered-models/alias", { name, alias: "x", version: "3" }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `Model Version (name=${name}, version=3) not found`,
    });
    const missing = uniqueName("rm");
    expect(errorOf(await del("registered-models/alias", { name: missing, alias: "x" }))).toMatchObject({ status: 404 });
    expect((await post("registered-models/alias", { name, alias: "ok_alias-1", version: "1" })).status).toBe(200);
  });
});
