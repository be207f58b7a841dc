import { describe, expect, it } from "vitest";
import { rewriteUri } from "./import-models";

describe("rewriteUri", () => {
  const moves = new Map([
    ["/old/7/abc/artifacts", "mlflow-artifacts:/7/abc/artifacts"],
    ["file:///old/models/m-1/artifacts", "mlflow-artifacts:/7/models/m-1/artifacts"],
  ]);

  it.each([
    ["/old/7/abc/artifacts", "mlflow-artifacts:/7/abc/artifacts"],
    ["/old/7/abc/artifacts/model", "mlflow-artifacts:/7/abc/artifacts/model"],
    ["file:///old/models/m-1/artifacts/MLmodel", "mlflow-artifacts:/7/models/m-1/artifacts/MLmodel"],
    ["/old/7/abc/artifactsX", "/old/7/abc/artifactsX"],
    ["runs:/abc/model", "runs:/abc/model"],
    ["s3://bucket/elsewhere", "s3://bucket/elsewhere"],
  ])("%s → %s", (uri, expected) => {
    expect(rewriteUri(uri, moves)).toBe(expected);
  });

  it("keeps null", () => expect(rewriteUri(null, moves)).toBeNull());
});
