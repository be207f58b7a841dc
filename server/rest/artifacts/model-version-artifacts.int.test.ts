import { describe, expect, inject, it } from "vitest";
import { createExperiment, createRun, get } from "../../testing/api";
import { createModel, createVersion } from "../../testing/registry";

// GET /model-versions/get-artifact: the UI's download of a registered version's files, read from
// wherever the version's download URI points (the proxy, or a run through runs:/).

const baseUrl = () => inject("baseUrl");
const getArtifact = (query: Record<string, string>) => fetch(`${baseUrl()}/model-versions/get-artifact?${new URLSearchParams(query)}`);

async function runWithModel() {
  const runId = await createRun(await createExperiment());
  const artifactUri: string = (await get("runs/get", { run_id: runId })).body.run.info.artifact_uri;
  const proxiedRoot = artifactUri.replace(/^mlflow-artifacts:\//, "");
  const res = await fetch(`${baseUrl()}/api/2.0/mlflow-artifacts/artifacts/${proxiedRoot}/model/MLmodel`, { method: "PUT", body: "flavors: {}" });
  expect(res.status).toBe(200);
  return { runId, artifactUri };
}

describe("model-versions/get-artifact", () => {
  it("serves a file of a version registered from the run's artifact URI or through runs:/", async () => {
    const { runId, artifactUri } = await runWithModel();
    const name = await createModel();
    await createVersion(name, { source: `${artifactUri}/model`, run_id: runId });
    await createVersion(name, { source: `runs:/${runId}/model`, run_id: runId });
    for (const version of ["1", "2"]) {
      const res = await getArtifact({ name, version, path: "MLmodel" });
      expect(res.status, version).toBe(200);
      expect(await res.text()).toBe("flavors: {}");
      expect(res.headers.get("content-disposition")).toContain("MLmodel");
    }
  });

  it("answers MLflow errors for missing files, versions and paths that climb out", async () => {
    const { artifactUri } = await runWithModel();
    const name = await createModel();
    await createVersion(name, { source: `${artifactUri}/model` });
    const missing = await getArtifact({ name, version: "1", path: "nothing.txt" });
    expect(missing.status).toBe(404);
    expect((await missing.json()).error_code).toBe("RESOURCE_DOES_NOT_EXIST");
    expect((await getArtifact({ name, version: "7", path: "MLmodel" })).status).toBe(404);
    const climbing = await getArtifact({ name, version: "1", path: "../../../../etc/passwd" });
    expect(climbing.status).toBe(400);
    expect((await climbing.json()).error_code).toBe("INVALID_PARAMETER_VALUE");
  });
});
