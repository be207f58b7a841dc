import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { asBody, patternBytes } from "../../testing/artifacts";
import { pendingMultipartFiles, startS3TestServer, type S3TestServer } from "../../testing/s3-test-server";
import { startTestServer, type TestServer } from "../../testing/test-server";

// Multipart uploads send their parts straight to S3, past the proxy's byte meter: the assembled file is
// counted at completion against the experiment's artifact-bytes quota, and removed if it passes it.

const MiB = 1024 * 1024;
const LIMIT = 6 * MiB;

describe.runIf(inject("driver") === "pglite")("artifact-bytes quota on multipart uploads", () => {
  let s3: S3TestServer;
  let server: TestServer;
  beforeAll(async () => {
    s3 = await startS3TestServer();
    server = await startTestServer("pglite", { env: { ...s3.serverEnv("mpu-quota"), METRON_QUOTA_MAX_ARTIFACT_BYTES_PER_EXPERIMENT: String(LIMIT) } });
  });
  afterAll(async () => {
    await server?.stop();
    await s3?.stop();
  });

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${server.baseUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };

  /** The MLflow client's multipart flow: create, PUT each part to its presigned URL, complete. */
  async function multipartUpload(file: string, content: Buffer) {
    const mpu = (action: string, body: unknown) => post(`/api/2.0/mlflow-artifacts/mpu/${action}/${file}`, body);
    const chunks = [content.subarray(0, 5 * MiB), content.subarray(5 * MiB)];
    const created = await mpu("create", { path: "model.bin", num_parts: chunks.length });
    expect(created.status).toBe(200);
    const parts = [];
    for (const [i, credential] of created.body.credentials.entries()) {
      const res = await fetch(credential.url, { method: "PUT", body: asBody(chunks[i]) });
      parts.push({ part_number: credential.part_number, etag: res.headers.get("etag"), url: credential.url });
    }
    return mpu("complete", { path: "model.bin", upload_id: created.body.upload_id, parts });
  }

  it("counts a completed upload, and refuses (keeping nothing) one that would pass the limit", async () => {
    const { body: created } = await post("/api/2.0/mlflow/experiments/create", { name: "mpu-quota" });
    const { body: run } = await post("/api/2.0/mlflow/runs/create", { experiment_id: created.experiment_id });
    const base = `${created.experiment_id}/${run.run.info.run_id}/artifacts`;
    const first = patternBytes(5 * MiB + 1000, 1);
    expect(await multipartUpload(`${base}/first.bin`, first)).toEqual({ status: 200, body: {} });

    const refused = await multipartUpload(`${base}/second.bin`, patternBytes(5 * MiB + 1000, 2));
    expect(refused).toEqual({
      status: 400,
      body: {
        error_code: "RESOURCE_EXHAUSTED",
        message: `Quota exceeded: experiment ${created.experiment_id} may have at most ${LIMIT} artifact bytes; this request would make it ${2 * first.length}. Nothing was written.`,
      },
    });
    const status = (file: string) => fetch(`${server.baseUrl}/api/2.0/mlflow-artifacts/artifacts/${base}/${file}`).then((r) => r.status);
    expect([await status("first.bin"), await status("second.bin")]).toEqual([200, 404]);
    expect(pendingMultipartFiles(s3)).toEqual([]);

    // The refused upload left the count where the first one put it: exactly the bytes still fit.
    const fits = patternBytes(LIMIT - first.length, 3);
    const put = await fetch(`${server.baseUrl}/api/2.0/mlflow-artifacts/artifacts/${base}/rest.bin`, { method: "PUT", body: asBody(fits) });
    expect(put.status).toBe(200);
    const over = await fetch(`${server.baseUrl}/api/2.0/mlflow-artifacts/artifacts/${base}/one-more.bin`, { method: "PUT", body: "x" });
    expect(over.status).toBe(400);
  });
});
