import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createExperiment, createRun, errorOf, get, post, uniqueName } from "../../testing/api";
import { createModel, createVersion } from "../../testing/registry";

const traversalRefused = (source: string) => ({
  status: 400,
  code: "INVALID_PARAMETER_VALUE",
  message:
    `Invalid model version source: '${source}'. If supplying a source as an http, https, local file path, ftp, ` +
    `objectstore, or mlflow-artifacts uri, an absolute path must be provided without relative path references ` +
    `present. Please provide an absolute path.`,
});

const localRefused = (source: string) => ({
  status: 400,
  code: "INVALID_PARAMETER_VALUE",
  message:
    `Invalid model version source: '${source}'. To use a local path as a model version source, the run_id request ` +
    `parameter has to be specified and the local path has to be contained within the artifact directory of the ` +
    `run specified by the run_id.`,
});

/** A run whose artifacts live in a local folder (an experiment with a local artifact location). */
async function localRun(): Promise<{ runId: string; artifactDir: string }> {
  const root = path.join(os.tmpdir(), uniqueName("metron-registry"));
  const runId = await createRun(await createExperiment(uniqueName("local"), { artifact_location: root }));
  return { runId, artifactDir: path.join(root, runId, "artifacts") };
}

describe("model version sources", () => {
  it("refuses sources that climb out of their path, however encoded", async () => {
    const name = await createModel();
    for (const source of [
      "mlflow-artifacts:/0/../../../etc",
      "mlflow-artifacts://host:5000/..%2f..%2fetc",
      "http://host/api/2.0/mlflow-artifacts/artifacts/%252e%252e/%252e%252e/etc",
      "s3://bucket/models/../other",
      "https://host/a/./b",
      "http://host:5000/api/2.0/mlflow-artifacts/artifacts%00",
      "mlflow-artifacts:/0/abc/artifacts/model%23/../../../../etc",
      "s3://bucket",
    ]) {
      expect(errorOf(await post("model-versions/create", { name, source })), source).toEqual(traversalRefused(source));
    }
    expect(errorOf(await get("model-versions/get", { name, version: "1" })).status).toBe(404);
  });

  it("accepts remote sources with an absolute, normal path", async () => {
    const name = await createModel();
    for (const source of ["s3://bucket/models/churn/", "mlflow-artifacts:/1/abc/artifacts/model", "runs:/abc123/model", "gs://b/x//y"]) {
      expect((await post("model-versions/create", { name, source })).status, source).toBe(200);
    }
  });

  it("accepts a local path only inside the artifact directory of the given run", async () => {
    const name = await createModel();
    const { runId, artifactDir } = await localRun();
    const inside = path.join(artifactDir, "model");
    expect((await createVersion(name, { source: inside, run_id: runId })).source).toBe(inside);
    expect((await createVersion(name, { source: `file://${artifactDir}`, run_id: runId })).version).toBe("2");

    expect(errorOf(await post("model-versions/create", { name, source: "/etc/passwd" }))).toEqual(localRefused("/etc/passwd"));
    expect(errorOf(await post("model-versions/create", { name, source: "model" }))).toEqual(localRefused("model"));
    const escaping = `${artifactDir}/../../../secret`;
    expect(errorOf(await post("model-versions/create", { name, source: escaping, run_id: runId }))).toEqual(
      localRefused(path.resolve(escaping)),
    );
    // A run whose artifacts are not on local disk cannot vouch for a local path.
    const proxiedRun = await createRun(await createExperiment());
    expect(errorOf(await post("model-versions/create", { name, source: "/tmp/model", run_id: proxiedRun }))).toEqual(localRefused("/tmp/model"));
    expect(errorOf(await post("model-versions/create", { name, source: "/tmp/model", run_id: "0".repeat(32) }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `Run with id=${"0".repeat(32)} not found`,
    });
    expect(errorOf(await post("model-versions/create", { name, source: "file://otherhost/tmp/model" }))).toMatchObject({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
    });
  });
});

describe("models:/ sources", () => {
  it("resolves a version, an alias, a stage and latest to the artifacts they name at registration time", async () => {
    const base = await createModel();
    await createVersion(base, { source: "s3://bucket/v1" });
    await createVersion(base, { source: "s3://bucket/v2" });
    await post("registered-models/alias", { name: base, alias: "champion", version: "1" });
    await post("model-versions/transition-stage", { name: base, version: "2", stage: "Staging" });

    const copy = await createModel();
    const cases: [string, string][] = [
      [`models:/${base}/1`, "s3://bucket/v1"],
      [`models:/${base}@champion`, "s3://bucket/v1"],
      [`models:/${base}/staging`, "s3://bucket/v2"],
      [`models:/${base}/latest`, "s3://bucket/v2"],
    ];
    for (const [source, expected] of cases) {
      const version = await createVersion(copy, { source });
      expect(version.source).toBe(source);
      expect((await get("model-versions/get-download-uri", { name: copy, version: version.version })).body, source).toEqual({
        artifact_uri: expected,
      });
    }
    // Moving the alias later does not move what was registered through it.
    await post("registered-models/alias", { name: base, alias: "champion", version: "2" });
    expect((await get("model-versions/get-download-uri", { name: copy, version: "2" })).body.artifact_uri).toBe("s3://bucket/v1");
  });

  it("refuses models:/ sources that name nothing", async () => {
    const base = await createModel();
    await createVersion(base);
    const name = await createModel();
    expect(errorOf(await post("model-versions/create", { name, source: `models:/${base}/9` }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `Model Version (name=${base}, version=9) not found`,
    });
    expect(errorOf(await post("model-versions/create", { name, source: `models:/${base}@nobody` }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "Registered model alias nobody not found.",
    });
    expect(errorOf(await post("model-versions/create", { name, source: `models:/${base}/Production` }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `No versions of model with name '${base}' and stage 'Production' found`,
    });
    expect(errorOf(await post("model-versions/create", { name, source: "models:/m-00000000000000000000000000000000" }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: "Logged model with ID 'm-00000000000000000000000000000000' not found.",
    });
    expect(errorOf(await post("model-versions/create", { name, source: "models:/" }))).toMatchObject({ status: 400, code: "INVALID_PARAMETER_VALUE" });
  });
});
