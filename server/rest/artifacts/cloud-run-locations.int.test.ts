import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { resolveArtifactUri } from "../../artifacts/resolve-artifact-uri";
import { toSafeArtifactPath } from "../../artifacts/safe-path";
import { patternBytes, sha256, downloadDigest } from "../../testing/artifacts";
import { freePort } from "../../testing/free-port";
import { SSHD, startAzuriteTestServer, startGcsTestServer, startSftpTestServer, type StoreTestServer } from "../../testing/store-test-servers";
import { startTestServer, type TestServer } from "../../testing/test-server";

// Runs whose artifact_uri is wasbs://, gs:// or sftp:// (clients writing to the store themselves) read by the
// server: artifacts/list, /get-artifact, `metron gc` deleting a deleted run's files, and a down store's quick
// 503. Each store in its own process; PGlite only (the stores are what is tested).

const CLI = path.resolve(import.meta.dirname, "../../cli/metron.mjs");
const STORES: [string, () => Promise<StoreTestServer>][] = [
  ["Azure Blob", startAzuriteTestServer],
  ["GCS", startGcsTestServer],
  ...(SSHD ? [["SFTP", startSftpTestServer] as [string, () => Promise<StoreTestServer>]] : []),
];

const json = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe.runIf(inject("driver") === "pglite")("runs stored on a cloud or SFTP store, the proxy off", () => {
  describe.each(STORES)("on %s", (_, startStore) => {
    let store: StoreTestServer;
    let server: TestServer | undefined;
    let dataDir: string;

    beforeAll(async () => {
      store = await startStore();
      // This process writes the run's files itself, as an MLflow client with the proxy off does.
      Object.assign(process.env, store.env);
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "metron-cloud-runs-"));
      server = await startTestServer("pglite", {
        pgliteDir: path.join(dataDir, "db"),
        env: store.env,
        args: ["--no-serve-artifacts", "--artifacts-destination", store.uri("runs")],
      });
    });
    afterAll(async () => {
      await server?.stop();
      await store?.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const api = async (p: string, init?: RequestInit) => {
      const res = await fetch(`${server!.baseUrl}/api/2.0/mlflow/${p}`, init);
      return { status: res.status, body: await res.json() };
    };
    const write = async (uri: string, file: string, content: Buffer | string) => {
      const { store: target, root } = resolveArtifactUri(uri, { artifactsDestination: "file:///nonexistent", s3: { endpoint: undefined, region: "us-east-1", forcePathStyle: true } });
      await target.put(toSafeArtifactPath(`${root}/${file}`), Readable.from([Buffer.from(content)]));
    };
    let runId: string;
    let artifactUri: string;
    const weights = patternBytes(3 * 1024 * 1024 + 5, 11);

    it("gives runs the store's own URI and lists and serves the files written there", async () => {
      const { body: experiment } = await api("experiments/create", json({ name: `cloud-${Date.now()}` }));
      const { body: created } = await api("runs/create", json({ experiment_id: experiment.experiment_id }));
      runId = created.run.info.run_id;
      artifactUri = created.run.info.artifact_uri;
      expect(artifactUri).toBe(`${store.uri("runs")}/${experiment.experiment_id}/${runId}/artifacts`);
      await write(artifactUri, "model/MLmodel", "flavors: {}");
      await write(artifactUri, "model/data/weights.bin", weights);
      await write(artifactUri, "metrics.json", "{}");

      expect(await api(`artifacts/list?run_id=${runId}`)).toEqual({
        status: 200,
        body: { root_uri: artifactUri, files: [{ path: "metrics.json", is_dir: false, file_size: 2 }, { path: "model", is_dir: true }] },
      });
      expect(await api(`artifacts/list?run_id=${runId}&path=model`)).toEqual({
        status: 200,
        body: { root_uri: artifactUri, files: [{ path: "model/MLmodel", is_dir: false, file_size: 11 }, { path: "model/data", is_dir: true }] },
      });
      // The UI's artifact tab reads the same folder through tRPC.
      const input = encodeURIComponent(JSON.stringify({ runId, path: "model/data" }));
      const tab = await (await fetch(`${server!.baseUrl}/api/trpc/runPage.listArtifacts?input=${input}`)).json();
      expect(tab.result.data).toEqual({ rootUri: artifactUri, files: [{ path: "model/data/weights.bin", isDir: false, fileSize: weights.length }] });
      const download = await downloadDigest(`${server!.baseUrl}/get-artifact?run_uuid=${runId}&path=model/data/weights.bin`);
      expect(download).toMatchObject({ status: 200, size: weights.length, sha256: sha256(weights) });
      const ranged = await fetch(`${server!.baseUrl}/get-artifact?run_uuid=${runId}&path=model/data/weights.bin`, { headers: { range: "bytes=10-19" } });
      expect([ranged.status, ranged.headers.get("content-range"), Buffer.from(await ranged.arrayBuffer())]).toEqual([
        206,
        `bytes 10-19/${weights.length}`,
        weights.subarray(10, 20),
      ]);
      const traversal = await fetch(`${server!.baseUrl}/get-artifact?run_uuid=${runId}&path=../../../etc/passwd`);
      expect([traversal.status, (await traversal.json()).error_code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
    });

    it("`metron gc` deletes a deleted run's files from the store, and keeps the others'", async () => {
      const { body: other } = await api("runs/create", json({ experiment_id: artifactUri.split("/").at(-3) }));
      await write(other.run.info.artifact_uri, "kept.txt", "kept");
      expect(await api("runs/delete", json({ run_id: runId }))).toEqual({ status: 200, body: {} });
      await server!.stop(); // the embedded database is locked by its server
      server = undefined;
      const env: NodeJS.ProcessEnv = { ...process.env, ...store.env, METRON_LOG_LEVEL: "warn" };
      delete env.NODE_OPTIONS;
      const gc = spawnSync(process.execPath, [CLI, "gc", "--backend-store-uri", path.join(dataDir, "db"), "--artifacts-destination", store.uri("runs")], {
        env,
        encoding: "utf8",
      });
      expect(gc.status, gc.stderr).toBe(0);
      const stored = await store.storedFiles();
      expect(stored.filter((f) => f.includes(runId))).toEqual([]);
      expect(stored.filter((f) => f.includes(other.run.info.run_id))).toEqual([expect.stringMatching(/kept\.txt 4$/)]);
    });
  });

  describe("a store that cannot be reached", () => {
    let server: TestServer;
    const uris: Record<string, string> = {};

    beforeAll(async () => {
      const [azurePort, gcsPort, sftpPort] = [await freePort(), await freePort(), await freePort()];
      uris["Azure Blob"] = "wasbs://box@devstoreaccount1.blob.core.windows.net/runs";
      uris.GCS = "gs://bucket/runs";
      uris.SFTP = `sftp://nobody@127.0.0.1:${sftpPort}/srv/runs`;
      server = await startTestServer("pglite", {
        env: {
          AZURE_STORAGE_CONNECTION_STRING: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:${azurePort}/devstoreaccount1;`,
          METRON_GCS_ENDPOINT_URL: `http://127.0.0.1:${gcsPort}`,
        },
      });
    });
    afterAll(() => server?.stop());

    it.each(["Azure Blob", "GCS", "SFTP"])("%s: artifacts/list and /get-artifact answer 503 naming the store, within seconds", async (name) => {
      const post = (p: string, body: unknown) => fetch(`${server.baseUrl}/api/2.0/mlflow/${p}`, json(body)).then((r) => r.json());
      const { experiment_id } = await post("experiments/create", { name: `down-${name}-${Date.now()}`, artifact_location: uris[name] });
      const { run } = await post("runs/create", { experiment_id });
      const storeUri = name === "SFTP" ? uris.SFTP.replace(/\/srv\/runs$/, "") : name === "GCS" ? "gs://bucket" : "wasbs://box@devstoreaccount1.blob.core.windows.net";
      const expected = {
        error_code: "TEMPORARILY_UNAVAILABLE",
        message: expect.stringMatching(new RegExp(`^The artifact store ${storeUri.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} cannot be reached \\(.+\\); retry the request shortly\\.$`)),
      };
      for (const url of [`api/2.0/mlflow/artifacts/list?run_id=${run.info.run_id}`, `get-artifact?run_uuid=${run.info.run_id}&path=a.txt`]) {
        const started = performance.now();
        const res = await fetch(`${server.baseUrl}/${url}`);
        expect([res.status, await res.json()]).toEqual([503, expected]);
        expect(performance.now() - started).toBeLessThan(15_000);
      }
    }, 60_000);
  });
});
