import { afterAll, describe, expect, inject, it } from "vitest";
import { startTestServer, type TestServer } from "../../testing/test-server";

// MLFLOW_CREATE_MODEL_VERSION_SOURCE_VALIDATION_REGEX on a server of its own (so PGlite only).
describe.runIf(inject("driver") === "pglite")("MLFLOW_CREATE_MODEL_VERSION_SOURCE_VALIDATION_REGEX", () => {
  let server: TestServer | undefined;
  afterAll(() => server?.stop());

  it("refuses model version sources that do not match the operator's pattern", async () => {
    server = await startTestServer("pglite", { env: { MLFLOW_CREATE_MODEL_VERSION_SOURCE_VALIDATION_REGEX: "^s3://approved/" } });
    const call = async (path: string, body: unknown) => {
      const res = await fetch(`${server!.baseUrl}/api/2.0/mlflow/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    };
    await call("registered-models/create", { name: "guarded" });
    expect(await call("model-versions/create", { name: "guarded", source: "s3://elsewhere/model" })).toEqual({
      status: 400,
      body: { error_code: "INVALID_PARAMETER_VALUE", message: "Invalid model version source: 's3://elsewhere/model'." },
    });
    const accepted = await call("model-versions/create", { name: "guarded", source: "s3://approved/model" });
    expect(accepted.status).toBe(200);
    expect(accepted.body.model_version.version).toBe("1");
  }, 120_000); // the server of its own starts inside the test: ~30 s for PGlite on a busy 2-core machine
});
