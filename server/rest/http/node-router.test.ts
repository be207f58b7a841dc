import { describe, expect, it } from "vitest";
import { serveGetArtifact } from "../artifacts/get-artifact-handler";
import { serveArtifactProxy } from "../artifacts/proxy-handler";
import { serveHealth } from "../health";
import { serveMlflowRequest } from "../mlflow/handler";
import { MOUNTS } from "../mounts";
import { findFastRoute } from "./node-router";

describe("findFastRoute", () => {
  it.each([
    ["POST", "/api/2.0/mlflow/runs/log-batch", serveMlflowRequest],
    ["GET", "/ajax-api/2.0/mlflow/experiments/get?experiment_id=0", serveMlflowRequest],
    ["GET", "/api/2.0/mlflow/experiments%2Fget?experiment_id=0", serveMlflowRequest],
    ["PUT", "/api/2.0/mlflow/experiments/create", serveMlflowRequest],
    ["PUT", "/api/2.0/mlflow-artifacts/artifacts/a%20b/model.pkl", serveArtifactProxy],
    ["HEAD", "/ajax-api/2.0/mlflow-artifacts/artifacts/x.bin", serveArtifactProxy],
    ["POST", "/api/2.0/mlflow-artifacts/mpu/create/x.bin", serveArtifactProxy],
    ["GET", "/api/2.0/mlflow-artifacts/artifacts?path=a", serveArtifactProxy],
    ["GET", "/get-artifact?run_id=r&path=a.txt", serveGetArtifact],
    ["HEAD", "/get-artifact?run_id=r&path=a.txt", serveGetArtifact],
    ["GET", "/health", serveHealth],
    ["GET", "/api/trpc/experimentList.search?input=%7B%7D", MOUNTS.trpc.serve],
    ["POST", "/api/trpc/charts.series,charts.series?batch=1", MOUNTS.trpc.serve],
  ])("%s %s is answered by the fast path", (method, url, serve) => {
    expect(findFastRoute(method, url)?.serve).toBe(serve);
  });

  it.each([
    // Next redirects these (308): a trailing slash, a doubled slash.
    ["GET", "/api/2.0/mlflow/experiments/get/?experiment_id=0"],
    ["GET", "/api/2.0/mlflow//experiments/get"],
    ["GET", "/api/2.0/mlflow-artifacts/artifacts/"],
    ["GET", "/get-artifact/?run_id=r"],
    // Next's URL handling resolves dot segments (also percent-encoded) and backslashes.
    ["GET", "/api/2.0/mlflow/x/../experiments/get"],
    ["GET", "/api/2.0/mlflow-artifacts/artifacts/./a.txt"],
    ["GET", "/api/2.0/mlflow-artifacts/artifacts/%2e%2E/a.txt"],
    ["GET", "/api/2.0/mlflow-artifacts/artifacts/a\\b"],
    // Next answers malformed percent-encoding itself.
    ["GET", "/api/2.0/mlflow-artifacts/artifacts/%zz"],
    // Methods the route files do not export: Next answers OPTIONS (204) and the rest (405).
    ["OPTIONS", "/api/2.0/mlflow/runs/log-batch"],
    ["HEAD", "/api/2.0/mlflow/experiments/get"],
    ["POST", "/get-artifact"],
    ["HEAD", "/health"],
    ["PUT", "/api/trpc/charts.series"],
    // Not REST endpoints of the fast path at all.
    ["GET", "/api/2.0/mlflow"],
    ["GET", "/api/2.0/mlflow-artifacts"],
    ["GET", "/api/trpc"],
    ["GET", "/experiments/0"],
    ["GET", "/version"],
  ])("%s %s is left to Next", (method, url) => {
    expect(findFastRoute(method, url)).toBeUndefined();
  });
});
