import path from "node:path";
import fs from "node:fs";
import os from "node:os";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { resolveArtifactUri } from "../artifacts/resolve-artifact-uri";
import { toSafeArtifactPath } from "../artifacts/safe-path";
import { recreateDatabase, testDatabaseUrl } from "../testing/test-server";
import { SSHD, startAzuriteTestServer, startGcsTestServer, startSftpTestServer, type StoreTestServer } from "../testing/store-test-servers";
import { runCli } from "./testing/import-harness";
import { createMlflowDatabase, FIXTURE, fillMlflowDatabase } from "./testing/mlflow-sqlite-fixture";

// `metron import` with Azure Blob, GCS or SFTP on both sides: the old proxy's files come from one
// prefix of the store (--artifacts-from), the runs' local files too, and all land under Metron's
// destination prefix in the same store, checksums compared. One store at a time on one database.

const STORES: [string, () => Promise<StoreTestServer>][] = [
  ["Azure Blob", startAzuriteTestServer],
  ["GCS", startGcsTestServer],
  ...(SSHD ? [["SFTP", startSftpTestServer] as [string, () => Promise<StoreTestServer>]] : []),
];
const S3_UNUSED = { endpoint: undefined, region: "us-east-1", forcePathStyle: true };

describe.runIf(inject("driver") === "postgres")("metron import with artifacts on a cloud or SFTP store", () => {
  describe.each(STORES)("on %s", (_, startStore) => {
    let tmp: string;
    const databaseUrl = testDatabaseUrl("cloudimport");
    let store: StoreTestServer;

    const location = (uri: string) => resolveArtifactUri(uri, { artifactsDestination: "file:///nonexistent", s3: S3_UNUSED });
    async function readAll(uri: string): Promise<Buffer> {
      const { store: target, root } = location(uri);
      const chunks: Buffer[] = [];
      for await (const chunk of await target.read(root)) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    }

    beforeAll(async () => {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), "metron-cloud-import-"));
      store = await startStore();
      Object.assign(process.env, store.env); // this process writes the old proxy's file with the store's client
      const db = createMlflowDatabase(path.join(tmp, "mlflow.db"));
      fillMlflowDatabase(db, path.join(tmp, "artifacts"));
      db.close();
      const { store: target, root } = location(store.uri(`old-proxy/0/${FIXTURE.runs.proxied}/artifacts/plots/loss.png`));
      await target.put(toSafeArtifactPath(root), Readable.from([Buffer.alloc(70_000, 9)]));
      await recreateDatabase(databaseUrl);
    }, 120_000);
    afterAll(async () => {
      await store?.stop();
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("streams every artifact into Metron's prefix of the store, checksums equal", { timeout: 240_000 }, async () => {
      const result = runCli(
        ["import", `sqlite:///${path.join(tmp, "mlflow.db")}`, "--backend-store-uri", databaseUrl, "--artifacts-destination", store.uri("metron"), "--artifacts-from", store.uri("old-proxy")],
        store.env,
      );
      expect(result.stdout).toContain("artifact files                   4             4  ok");
      expect(result.stdout).toContain("artifact bytes              370017        370017  ok");
      expect(result.stdout).toContain("sha-256 matches                  4             4  ok");
      expect(result.code).toBe(0);
      expect(await readAll(store.uri(`metron/0/${FIXTURE.runs.proxied}/artifacts/plots/loss.png`))).toEqual(Buffer.alloc(70_000, 9));
      expect((await readAll(store.uri(`metron/7/${FIXTURE.runs.parent}/artifacts/model/weights.bin`))).length).toBe(300_000);
    });
  });
});
