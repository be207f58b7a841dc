import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { recreateDatabase, testDatabaseUrl } from "../testing/test-server";
import { startS3TestServer, type S3TestServer } from "../testing/s3-test-server";
import { runCli } from "./testing/import-harness";
import { createMlflowDatabase, FIXTURE, fillMlflowDatabase } from "./testing/mlflow-sqlite-fixture";

// Artifacts from S3 to S3: the old proxy's destination is a bucket prefix (--artifacts-from
// s3://…) and so is Metron's; every file is streamed across and its checksum compared.

describe.runIf(inject("driver") === "postgres")("metron import with artifacts on S3", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "metron-s3-import-"));
  const databaseUrl = testDatabaseUrl("s3import");
  let s3: S3TestServer;
  let client: S3Client;

  beforeAll(async () => {
    s3 = await startS3TestServer("import-bucket");
    client = new S3Client({ endpoint: s3.endpoint, forcePathStyle: true, region: "us-east-1", credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } });
    const db = createMlflowDatabase(path.join(tmp, "mlflow.db"));
    fillMlflowDatabase(db, path.join(tmp, "artifacts"));
    db.close();
    const key = `old-proxy/0/${FIXTURE.runs.proxied}/artifacts/plots/loss.png`;
    await client.send(new PutObjectCommand({ Bucket: "import-bucket", Key: key, Body: Buffer.alloc(70_000, 9) }));
    await recreateDatabase(databaseUrl);
  }, 120_000);
  afterAll(async () => {
    client?.destroy();
    await s3?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("streams proxied artifacts out of one bucket prefix into Metron's, checksums equal", { timeout: 240_000 }, async () => {
    const { MLFLOW_ARTIFACTS_DESTINATION: _destination, ...env } = s3.serverEnv("metron");
    const result = runCli(
      ["import", `sqlite:///${path.join(tmp, "mlflow.db")}`, "--backend-store-uri", databaseUrl, "--artifacts-destination", "s3://import-bucket/metron", "--artifacts-from", "s3://import-bucket/old-proxy"],
      env,
    );
    expect(result.stdout).toContain("artifact files                   4             4  ok");
    expect(result.stdout).toContain("artifact bytes              370017        370017  ok");
    expect(result.stdout).toContain("sha-256 matches                  4             4  ok");
    expect(result.code).toBe(0);
    const copied = await client.send(new GetObjectCommand({ Bucket: "import-bucket", Key: `metron/0/${FIXTURE.runs.proxied}/artifacts/plots/loss.png` }));
    expect(Buffer.from(await copied.Body!.transformToByteArray())).toEqual(Buffer.alloc(70_000, 9));
    const weights = await client.send(new GetObjectCommand({ Bucket: "import-bucket", Key: `metron/7/${FIXTURE.runs.parent}/artifacts/model/weights.bin` }));
    expect((await weights.Body!.transformToByteArray()).length).toBe(300_000);
  });
});
