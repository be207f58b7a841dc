import path from "node:path";
import { describe, expect, it } from "vitest";
import { isLocalPathInside, isLocalUri, parsePythonUrl, validateModelVersionSource, validateNonLocalSource } from "./model-version-source";

describe("parsePythonUrl", () => {
  it.each([
    ["s3://bucket/a/b", { scheme: "s3", netloc: "bucket", path: "/a/b", hostname: "bucket" }],
    ["mlflow-artifacts:/0/x", { scheme: "mlflow-artifacts", netloc: "", path: "/0/x", hostname: undefined }],
    ["http://user@Host:5000/p?q=1#f", { scheme: "http", netloc: "user@Host:5000", path: "/p", hostname: "host" }],
    ["file:///tmp/m", { scheme: "file", netloc: "", path: "/tmp/m", hostname: undefined }],
    ["/tmp/m", { scheme: "", netloc: "", path: "/tmp/m", hostname: undefined }],
    ["relative/m", { scheme: "", netloc: "", path: "relative/m", hostname: undefined }],
    ["http://h/a;params", { scheme: "http", netloc: "h", path: "/a", hostname: "h" }],
  ])("%s", (url, expected) => {
    expect(parsePythonUrl(url)).toEqual(expected);
  });
});

describe("isLocalUri", () => {
  it.each([
    ["/abs/path", true],
    ["relative", true],
    ["file:///tmp/x", true],
    ["file://localhost/tmp/x", true],
    ["s3://bucket/x", false],
    ["mlflow-artifacts:/x", false],
    ["http://localhost:5000/x", false],
    ["runs:/abc/model", false],
    ["models:/m/1", false],
  ])("%s → %s", (uri, expected) => {
    expect(isLocalUri(uri)).toBe(expected);
  });

  it("refuses file: URIs naming another host", () => {
    expect(() => isLocalUri("file://otherhost/tmp/x")).toThrow(/is not a valid remote uri/);
  });
});

describe("validateNonLocalSource", () => {
  it.each([
    "s3://bucket/models/churn",
    "s3://bucket/models/churn/",
    "mlflow-artifacts:/0/abc/artifacts/model",
    "mlflow-artifacts://host:5000/0/abc/artifacts/model",
    "https://host/api/2.0/mlflow-artifacts/artifacts/0/abc",
    "gs://b/x//y",
    "runs:/0123/model",
    "models:/churn@champion",
    "models:/m-0123",
    "dbfs:/databricks/mlflow/0/abc",
  ])("accepts %s", (source) => {
    expect(() => validateNonLocalSource(source)).not.toThrow();
  });

  it.each([
    "mlflow-artifacts://host:port/../../../../",
    "http://host:port/api/2.0/mlflow-artifacts/artifacts/../../../../",
    "s3:/my_bucket/models/path/../../other/path",
    "file://path/to/../../../../some/where",
    "mlflow-artifacts://host:port/..%2f..%2f..%2f..%2f",
    "mlflow-artifacts:/0/..%252f..%252fetc",
    "http://host:port/api/2.0/mlflow-artifacts/artifacts%00",
    "http://host/a/model%23/../../../etc",
    "http://host/a/./b",
    "http://host/a/.",
    "s3://bucket",
    "models:relative",
    "http://host/a/%2e%2e/b",
    "http://host/a/%2E%2E/b",
  ])("refuses %s", (source) => {
    expect(() => validateNonLocalSource(source)).toThrow(/^Invalid model version source: '.*'\. If supplying a source/);
  });
});

describe("isLocalPathInside", () => {
  it.each([
    ["/data/run/artifacts", "/data/run/artifacts", true],
    ["/data/run/artifacts", "/data/run/artifacts/model", true],
    ["file:///data/run/artifacts", "/data/run/artifacts/a/b", true],
    ["/data/run/artifacts", "file:///data/run/artifacts/model", true],
    ["/data/run/artifacts", "/data/run/artifacts/../other", false],
    ["/data/run/artifacts", "/data/run/artifacts-2/model", false],
    ["/data/run/artifacts", "/etc/passwd", false],
    ["/data/run/artifacts", "/data/run/artifacts/%2e%2e/x", false],
  ])("%s contains %s: %s", (root, candidate, expected) => {
    expect(isLocalPathInside(root, candidate)).toBe(expected);
  });
});

describe("validateModelVersionSource", () => {
  const runDir = "/data/mlruns/1/abc/artifacts";

  it("accepts a local source inside the owner's local artifact directory only", () => {
    expect(() => validateModelVersionSource(`${runDir}/model`, { kind: "run", artifactLocation: runDir })).not.toThrow();
    expect(() => validateModelVersionSource(`${runDir}/model`, { kind: "run", artifactLocation: undefined })).toThrow(
      `Invalid model version source: '${runDir}/model'. To use a local path as a model version source, the run_id request parameter`,
    );
    expect(() => validateModelVersionSource(`${runDir}/../../2/x`, { kind: "run", artifactLocation: runDir })).toThrow(
      `Invalid model version source: '${path.resolve("/data/mlruns/1/2/x")}'.`,
    );
    expect(() => validateModelVersionSource("/tmp/m", { kind: "model", artifactLocation: "mlflow-artifacts:/1/models/m-1/artifacts" })).toThrow(
      /the model_id request parameter has to be specified and the local path has to be contained within the artifact directory of the logged model/,
    );
  });

  it("checks remote sources for traversal whatever the owner", () => {
    expect(() => validateModelVersionSource("s3://b/../x", { kind: "run", artifactLocation: undefined })).toThrow(/If supplying a source/);
    expect(() => validateModelVersionSource("s3://b/x", { kind: "model", artifactLocation: undefined })).not.toThrow();
  });
});
