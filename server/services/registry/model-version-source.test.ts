import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseModelVersionSource, parsePythonUrl, validateLocalSource, validateNonLocalSource, type SourceOwner } from "./model-version-source";

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
    "s3://bucket/%2525252525252e",
  ])("refuses %s", (source) => {
    expect(() => validateNonLocalSource(source)).toThrow(/^Invalid model version source: '.*'\. If supplying a source/);
  });
});

describe("validateNonLocalSource on hostile sizes", () => {
  it("decides a 10 MB source of nested escapes at once", () => {
    const started = performance.now();
    expect(() => validateNonLocalSource(`s3://bucket/%${"25".repeat(5_000_000)}`)).toThrow(/If supplying a source/);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe("parseModelVersionSource", () => {
  it.each([
    ["/data/run/artifacts/model", { kind: "local", path: "/data/run/artifacts/model" }],
    ["file:///data/run/artifacts/a%20b", { kind: "local", path: "/data/run/artifacts/a b" }],
    ["file://localhost/data/run/artifacts/x/../model", { kind: "local", path: "/data/run/artifacts/model" }],
    ["s3://bucket/models/churn", { kind: "s3", bucket: "bucket", key: "models/churn" }],
    ["runs:/0123/model", { kind: "runs", runId: "0123", path: "model" }],
    ["models:/churn@champion", { kind: "models" }],
  ])("%s", (source, expected) => {
    expect(parseModelVersionSource(source)).toEqual(expected);
  });

  it("keeps MLflow's message for remote sources that climb, and names the problem otherwise", () => {
    expect(() => parseModelVersionSource("s3://b/../x")).toThrow(/^Invalid model version source: 's3:\/\/b\/\.\.\/x'\. If supplying a source/);
    expect(() => parseModelVersionSource("file:///data/%zz")).toThrow("Invalid model version source 'file:///data/%zz': it has a malformed percent-escape");
    expect(() => parseModelVersionSource("file://otherhost/tmp/x")).toThrow(/a file: URI naming another host cannot be read here/);
  });
});

describe("validateLocalSource", () => {
  const runDir = "/data/mlruns/1/abc/artifacts";
  const local = (text: string) => parseModelVersionSource(text) as { kind: "local"; path: string };
  const check = (text: string, owner: SourceOwner) => validateLocalSource(text, local(text), owner);

  it("accepts a local source inside the owner's local artifact directory only", async () => {
    await expect(check(`${runDir}/model`, { kind: "run", artifactLocation: runDir })).resolves.toBeUndefined();
    await expect(check(`file://${runDir}/model`, { kind: "run", artifactLocation: `file://${runDir}` })).resolves.toBeUndefined();
    await expect(check(`${runDir}/model`, { kind: "run", artifactLocation: undefined })).rejects.toThrow(
      `Invalid model version source: '${runDir}/model'. To use a local path as a model version source, the run_id request parameter`,
    );
    await expect(check(`${runDir}/../../2/x`, { kind: "run", artifactLocation: runDir })).rejects.toThrow(
      `Invalid model version source: '${path.resolve("/data/mlruns/1/2/x")}'.`,
    );
    await expect(check(`${runDir}-2/model`, { kind: "run", artifactLocation: runDir })).rejects.toThrow(/Invalid model version source/);
    await expect(check("/tmp/m", { kind: "model", artifactLocation: "mlflow-artifacts:/1/models/m-1/artifacts" })).rejects.toThrow(
      /the model_id request parameter has to be specified and the local path has to be contained within the artifact directory of the logged model/,
    );
  });
});
