import { describe, expect, it } from "vitest";
import { createExperiment, createRun, post, uniqueName } from "../testing/api";
import { trpcMutation, trpcQuery } from "../testing/trpc";

const ok = async (path: string, input: unknown, kind: "query" | "mutation" = "mutation") => {
  const res = kind === "query" ? await trpcQuery(path, input) : await trpcMutation(path, input);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.result.data;
};

describe("tRPC registry (the model registry pages)", () => {
  it("registers from a run: the model is created on first use, the next registration adds version 2", async () => {
    const runId = await createRun(await createExperiment());
    const name = uniqueName("reg");
    const first = await ok("registry.register", { name, source: `runs:/${runId}/model`, runId });
    expect(first.isNewModel).toBe(true);
    expect([first.modelVersion.name, first.modelVersion.version, first.modelVersion.runId, first.modelVersion.currentStage]).toEqual([name, "1", runId, "None"]);
    const second = await ok("registry.register", { name, source: `runs:/${runId}/model`, runId });
    expect([second.isNewModel, second.modelVersion.version]).toEqual([false, "2"]);
  });

  it("a refused version leaves no new model behind", async () => {
    const name = uniqueName("reg-refused");
    const missing = "m-00000000000000000000000000000000";
    const res = await trpcMutation("registry.register", { name, source: `models:/${missing}`, modelId: missing });
    expect(res.status).toBe(404);
    const model = await trpcQuery("registry.getModel", { name });
    expect(model.status).toBe(404);
    expect(model.body.error.message).toBe(`Registered Model with name=${name} not found`);
  });

  it("aliases, stage and descriptions round-trip through the same verbs as REST", async () => {
    const name = uniqueName("reg-flow");
    await ok("registry.register", { name, source: "mlflow-artifacts:/0/abc/artifacts/model" });
    await ok("registry.register", { name, source: "mlflow-artifacts:/0/abc/artifacts/model" });
    await ok("registry.setAlias", { name, alias: "champion", version: "2" });
    await ok("registry.transitionStage", { name, version: "2", stage: "production" });
    await ok("registry.updateVersion", { name, version: "2", description: "the good one" });
    await ok("registry.updateModel", { name, description: "model notes" });
    await ok("registry.setModelTag", { name, key: "team", value: "vision" });

    const { registeredModel } = await ok("registry.getModel", { name }, "query");
    expect(registeredModel.description).toBe("model notes");
    expect(registeredModel.aliases).toEqual([{ alias: "champion", version: "2" }]);
    expect(registeredModel.tags).toEqual([{ key: "team", value: "vision" }]);
    const { modelVersions } = await ok("registry.searchVersions", { filter: `name = '${name}'`, orderBy: ["version_number DESC"] }, "query");
    expect(modelVersions.map((v: { version: string; currentStage: string; aliases: string[]; description: string }) => [v.version, v.currentStage, v.aliases, v.description])).toEqual([
      ["2", "Production", ["champion"], "the good one"],
      ["1", "None", [], ""],
    ]);
    const rest = await post("registered-models/get-latest-versions", { name, stages: ["Production"] });
    expect(rest.body.model_versions.map((v: { version: string }) => v.version)).toEqual(["2"]);

    await ok("registry.deleteAlias", { name, alias: "champion" });
    expect((await ok("registry.getModel", { name }, "query")).registeredModel.aliases).toEqual([]);
  });

  it("searches models by name fragment (ILIKE) as the models page does", async () => {
    const stem = uniqueName("Searchable");
    await ok("registry.register", { name: `${stem}-a`, source: "mlflow-artifacts:/0/abc/artifacts/model" });
    const found = await ok("registry.searchModels", { filter: `name ILIKE '%${stem.toLowerCase()}%'`, orderBy: ["name ASC"] }, "query");
    expect(found.registeredModels.map((m: { name: string; latestVersions: { version: string }[] }) => [m.name, m.latestVersions.map((v) => v.version)])).toEqual([[`${stem}-a`, ["1"]]]);
  });
});
