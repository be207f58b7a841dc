import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, describe, expect, inject, it } from "vitest";
import { createExperiment, createRun, errorOf, get, post } from "../../testing/api";
import { createModel, createVersion } from "../../testing/registry";
import { TEST_DATABASE_URL } from "../../testing/test-server";

// MLflow 3 registers logged models (`models:/m-…` sources with model_id). This branch has no REST
// endpoint that creates logged models, so on PostgreSQL the test writes the row the way the
// logged-models service stores it, then goes through the registry's REST API only.
describe.runIf(inject("driver") === "postgres")("registering MLflow 3 logged models", () => {
  const sql = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
  afterAll(() => sql.end());

  async function insertLoggedModel(experimentId: string, sourceRunId: string | null, status = "active") {
    const modelId = `m-${randomBytes(16).toString("hex")}`;
    const artifactLocation = `mlflow-artifacts:/${experimentId}/models/${modelId}/artifacts`;
    await sql`insert into logged_models (model_id, experiment_id, name, artifact_location, creation_timestamp_ms,
                last_updated_timestamp_ms, status, lifecycle_stage, source_run_id)
              values (${modelId}, ${Number(experimentId)}, 'model', ${artifactLocation}, 1, 1, 2, ${status}, ${sourceRunId})`;
    return { modelId, artifactLocation };
  }

  it("resolves models:/<model_id> to the logged model's artifacts and records the registration on it", async () => {
    const experimentId = await createExperiment();
    const runId = await createRun(experimentId);
    const { modelId, artifactLocation } = await insertLoggedModel(experimentId, runId);
    const name = await createModel();
    const version = await createVersion(name, { source: `models:/${modelId}`, model_id: modelId });
    expect(version).toMatchObject({ source: `models:/${modelId}`, model_id: modelId, run_id: runId, version: "1" });
    expect((await get("model-versions/get-download-uri", { name, version: "1" })).body).toEqual({ artifact_uri: artifactLocation });
    await createVersion(name, { source: `models:/${modelId}`, model_id: modelId });

    const [tag] = await sql`select tag_value from logged_model_tags where model_id = ${modelId} and tag_key = 'mlflow.modelVersions'`;
    expect(JSON.parse(tag.tag_value)).toEqual([
      { name, version: 1 },
      { name, version: 2 },
    ]);
  });

  it("checks a local source against the logged model's artifact directory", async () => {
    const experimentId = await createExperiment();
    const { modelId } = await insertLoggedModel(experimentId, null);
    const name = await createModel();
    expect(errorOf(await post("model-versions/create", { name, source: "/etc/passwd", model_id: modelId }))).toMatchObject({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
    });
    expect(errorOf(await post("model-versions/create", { name, source: "/tmp/x", model_id: "m-none" }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: "Logged model with ID 'm-none' not found.",
    });
  });

  it("treats a deleted logged model as missing", async () => {
    const { modelId } = await insertLoggedModel(await createExperiment(), null, "deleted");
    const name = await createModel();
    expect(errorOf(await post("model-versions/create", { name, source: `models:/${modelId}` }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `Logged model with ID '${modelId}' not found.`,
    });
  });
});
