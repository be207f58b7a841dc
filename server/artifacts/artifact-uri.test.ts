import { describe, expect, it } from "vitest";
import { MlflowError } from "../mlflow-error";
import { parseArtifactUri, pathWithin, type ArtifactUri } from "./artifact-uri";

/** The canonical form, or the reason the URI is refused (the text after "…': "). */
function parsed(uri: string): ArtifactUri | string {
  try {
    return parseArtifactUri(uri);
  } catch (err) {
    if (!(err instanceof MlflowError) || err.code !== "INVALID_PARAMETER_VALUE") throw err;
    return err.message.replace(/^Invalid artifact URI '.*?': /s, "");
  }
}

describe("parseArtifactUri", () => {
  // Expected forms are plain objects: SafeArtifactPath is a branded string only the parser makes.
  it.each<[string, object]>([
    ["/srv/a/run/artifacts", { kind: "local", path: "/srv/a/run/artifacts" }],
    ["/srv/a//run/./artifacts/", { kind: "local", path: "/srv/a/run/artifacts" }],
    ["/srv/a/x/../run", { kind: "local", path: "/srv/a/run" }],
    ["/srv/a/%2e%2e/b", { kind: "local", path: "/srv/b" }],
    ["/srv/a%20b?c#d", { kind: "local", path: "/srv/a b?c#d" }],
    ["file:///srv/a/run", { kind: "local", path: "/srv/a/run" }],
    ["file:/srv/a/run", { kind: "local", path: "/srv/a/run" }],
    ["file://localhost/srv/a", { kind: "local", path: "/srv/a" }],
    ["file://127.0.0.1/srv/a", { kind: "local", path: "/srv/a" }],
    ["FILE:///srv/%E2%82%AC", { kind: "local", path: "/srv/€" }],
    ["file:///srv/a/%2E%2E/%2e%2e/etc", { kind: "local", path: "/etc" }],
    ["mlflow-artifacts:/", { kind: "proxy", path: "" }],
    ["mlflow-artifacts:/1/abc/artifacts", { kind: "proxy", path: "1/abc/artifacts" }],
    ["mlflow-artifacts://host:5000/1/abc", { kind: "proxy", path: "1/abc" }],
    ["http://host:5000/api/2.0/mlflow-artifacts/artifacts/1/abc", { kind: "proxy", path: "1/abc" }],
    ["s3://bucket", { kind: "s3", bucket: "bucket", key: "" }],
    ["s3://bucket/prefix/1/abc/", { kind: "s3", bucket: "bucket", key: "prefix/1/abc" }],
    ["runs:/0123abc/model/data", { kind: "runs", runId: "0123abc", path: "model/data" }],
    ["models:/churn/1", { kind: "models" }],
    ["gs://bucket/a//b", { kind: "cloud", scheme: "gs", store: "gs://bucket", authority: "bucket", key: "a/b" }],
    ["wasbs://box@Acct.blob.core.windows.net/a/b", { kind: "cloud", scheme: "wasbs", store: "wasbs://box@acct.blob.core.windows.net", authority: "box@Acct.blob.core.windows.net", key: "a/b" }],
    ["abfss://box@acct.dfs.core.windows.net/a", { kind: "cloud", scheme: "wasbs", store: "wasbs://box@acct.blob.core.windows.net", authority: "box@acct.dfs.core.windows.net", key: "a" }],
    ["sftp://me:s%40cret@host:2222/srv/a", { kind: "cloud", scheme: "sftp", store: "sftp://me@host:2222", authority: "me:s%40cret@host:2222", key: "srv/a" }],
    ["hdfs://nn/a", { kind: "remote", scheme: "hdfs" }],
    ["https://host/models/a?sig=1", { kind: "remote", scheme: "https" }],
    ["C:/models/a", { kind: "remote", scheme: "c" }],
  ])("%s", (uri, expected) => {
    expect(parsed(uri)).toEqual(expected);
  });

  const malformed = "it has a malformed percent-escape (a '%' not followed by two hex digits of valid UTF-8)";
  it.each<[string, string]>([
    ["file:///srv/a/x/%zz/%2e%2e/%2e%2e/etc", malformed],
    ["file:///srv/a/%", malformed],
    ["file:///srv/a/%2", malformed],
    ["file:///srv/a/%c0%ae%c0%ae/etc", malformed],
    ["mlflow-artifacts:/1/%zz", malformed],
    ["s3://bucket/a%4", malformed],
    ["gs://bucket/%e2%28%a1", malformed],
    ["file:///srv/a/x\\..\\..\\etc", "backslashes are not allowed"],
    ["/srv/a/x/..\\../etc", "backslashes are not allowed"],
    ["file:///srv/a/x%5c..%5c..%5cetc", "an encoded backslash is not allowed"],
    ["file:///srv/a/x%00", "an encoded control character is not allowed"],
    ["/srv/a\u0000b", "control characters are not allowed"],
    ["file:///srv/a/%252e%252e/etc", "a double-encoded '.', '/', '\\', '%' or NUL is not allowed"],
    ["file:///srv/a/..%252f..%252fetc", "a double-encoded '.', '/', '\\', '%' or NUL is not allowed"],
    ["file://evil.example/etc/passwd", "a file: URI naming another host cannot be read here"],
    ["file://localhost.evil.example/etc", "a file: URI naming another host cannot be read here"],
    ["file://user@localhost/etc", "a file: URI naming another host cannot be read here"],
    ["file:relative/path", "a file: URI needs an absolute path"],
    ["file:///srv/a/x?/../../etc", "a query string or fragment has no place in a file: URI"],
    ["file:///srv/a/x#/../../etc", "a query string or fragment has no place in a file: URI"],
    ["mlflow-artifacts:/1/../../etc", "its path is not a plain relative path ('..' segments are not allowed)"],
    ["mlflow-artifacts:/1/%2e%2e/etc", "its path is not a plain relative path (percent-encoded '.', '/', '\\', '%' or NUL)"],
    ["mlflow-artifacts:/1/a?x=/../..", "a query string or fragment has no place in an artifact location"],
    ["http://h/api/2.0/mlflow-artifacts/artifacts/../../etc", "its path is not a plain relative path ('..' segments are not allowed)"],
    ["s3://bucket/a/../../b", "its path is not a plain relative path ('..' segments are not allowed)"],
    ["s3:/bucket/a", "an s3 URI names a bucket: s3://<bucket>/<key>"],
    ["runs:/abc/../../x", "its path is not a plain relative path ('..' segments are not allowed)"],
    ["runs:/", "expected runs:/<run_id>/<path>"],
    ["gs://bucket/a/../b", "its path is not a plain relative path ('..' segments are not allowed)"],
    ["gs:/bucket/a", "a gs URI names a bucket: gs://<bucket>/<path>"],
    ["wasbs://acct.blob.core.windows.net/a", "an Azure URI names a container and account: wasbs://<container>@<account>.blob.core.windows.net/<path>"],
    ["sftp://me@host/srv/%2e%2e/etc", "its path is not a plain relative path (percent-encoded '.', '/', '\\', '%' or NUL)"],
    ["sftp:///srv/a", "an sftp URI names a server: sftp://user@host[:port]/<path>"],
    ["hdfs://nn/a/%2e%2e/b", "'.' and '..' segments are not allowed"],
  ])("refuses %s: %s", (uri, reason) => {
    expect(parsed(uri)).toBe(`${reason}.`);
  });

  it("shows at most 250 characters of a refused URI", () => {
    const error = (() => {
      try {
        parseArtifactUri(`file:///${"a".repeat(10_000_000)}%zz`);
      } catch (err) {
        return err as Error;
      }
    })();
    expect(error?.message).toBe(`Invalid artifact URI 'file:///${"a".repeat(239)}...': ${malformed}.`);
  });
});

describe("pathWithin", () => {
  const local = (path: string) => ({ kind: "local", path });
  it.each<[object, object, string | undefined]>([
    [local("/srv/run/artifacts"), local("/srv/run/artifacts"), ""],
    [local("/srv/run/artifacts"), local("/srv/run/artifacts/model/x"), "model/x"],
    [local("/srv/run/artifacts"), local("/srv/run/artifacts-2/model"), undefined],
    [local("/srv/run/artifacts"), local("/srv/run"), undefined],
    [local("/srv/run/artifacts"), local("/srv/run/artifacts/..model"), "..model"],
    [local("/srv/run/artifacts"), local("/srv/run/..artifacts"), undefined],
    [{ kind: "s3", bucket: "b", key: "p/1" }, { kind: "s3", bucket: "b", key: "p/1/m" }, "m"],
    [{ kind: "s3", bucket: "b", key: "p/1" }, { kind: "s3", bucket: "other", key: "p/1/m" }, undefined],
    [{ kind: "s3", bucket: "b", key: "" }, { kind: "s3", bucket: "b", key: "p/1/m" }, "p/1/m"],
    [{ kind: "s3", bucket: "b", key: "p/1" }, { kind: "s3", bucket: "b", key: "p/10" }, undefined],
    [{ kind: "proxy", path: "1/abc" }, { kind: "proxy", path: "1/abc/artifacts" }, "artifacts"],
    [local("/srv/run"), { kind: "s3", bucket: "b", key: "srv/run" }, undefined],
  ])("%o contains %o: %s", (outer, inner, expected) => {
    expect(pathWithin(outer as ArtifactUri, inner as ArtifactUri)).toBe(expected);
  });
});
