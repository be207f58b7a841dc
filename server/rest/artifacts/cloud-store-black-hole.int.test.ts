import net from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestServer, type TestServer } from "../../testing/test-server";

// A store host that accepts the TCP connection and then never answers (a hung proxy, a dead
// backend behind a load balancer): artifacts/list and /get-artifact must still answer 503 naming
// the store within a bound, and the server keep serving. PGlite only (the stores are what is tested).

// The stores' answer timeout is cut to 2 s (METRON_ARTIFACT_STORE_TIMEOUT) so the test waits seconds, not minutes.
const STORE_TIMEOUT_S = 2;
const BOUND_MS = 3 * STORE_TIMEOUT_S * 1000;
const json = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe.runIf(inject("driver") === "pglite")("a store host that accepts connections and never answers", () => {
  let blackHole: net.Server;
  const sockets = new Set<net.Socket>();
  let accepted = 0;
  let server: TestServer;
  let proxied: TestServer | undefined;
  let env: Record<string, string>;
  const uris: Record<string, { location: string; store: string; reason: string }> = {};

  beforeAll(async () => {
    blackHole = net.createServer((socket) => {
      accepted++;
      sockets.add(socket); // read and drop whatever arrives, write nothing
      socket.on("data", () => undefined);
      socket.on("error", () => undefined);
      socket.on("close", () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => blackHole.listen(0, "127.0.0.1", resolve));
    const port = (blackHole.address() as net.AddressInfo).port;
    uris["Azure Blob"] = { location: "wasbs://box@devstoreaccount1.blob.core.windows.net/runs", store: "wasbs://box@devstoreaccount1.blob.core.windows.net", reason: `no answer from the store for ${STORE_TIMEOUT_S} s` };
    uris.GCS = { location: "gs://bucket/runs", store: "gs://bucket", reason: `no answer from the store for ${STORE_TIMEOUT_S} s` };
    uris.SFTP = { location: `sftp://nobody@127.0.0.1:${port}/srv/runs`, store: `sftp://nobody@127.0.0.1:${port}`, reason: "getConnection: Timed out while waiting for handshake" };
    env = {
      AZURE_STORAGE_CONNECTION_STRING: `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:${port}/devstoreaccount1;`,
      METRON_GCS_ENDPOINT_URL: `http://127.0.0.1:${port}`,
      METRON_ARTIFACT_STORE_TIMEOUT: String(STORE_TIMEOUT_S),
    };
    server = await startTestServer("pglite", { env });
  });
  afterAll(async () => {
    await server?.stop();
    await proxied?.stop();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackHole?.close(resolve));
  });

  it.each(["Azure Blob", "GCS", "SFTP"])(`%s: artifacts/list and /get-artifact answer 503 naming the store within ${BOUND_MS / 1000} s`, async (name) => {
    const post = (p: string, body: unknown) => fetch(`${server.baseUrl}/api/2.0/mlflow/${p}`, json(body)).then((r) => r.json());
    const { experiment_id } = await post("experiments/create", { name: `hung-${name}-${Date.now()}`, artifact_location: uris[name].location });
    const { run } = await post("runs/create", { experiment_id });
    const expected = {
      error_code: "TEMPORARILY_UNAVAILABLE",
      message: `The artifact store ${uris[name].store} cannot be reached (${uris[name].reason}); retry the request shortly.`,
    };
    const acceptedBefore = accepted;
    for (const url of [`api/2.0/mlflow/artifacts/list?run_id=${run.info.run_id}`, `get-artifact?run_uuid=${run.info.run_id}&path=a.txt`]) {
      const started = performance.now();
      const res = await fetch(`${server.baseUrl}/${url}`, { signal: AbortSignal.timeout(BOUND_MS + 15_000) });
      expect([res.status, await res.json()]).toEqual([503, expected]);
      expect(performance.now() - started).toBeLessThan(BOUND_MS);
    }
    // The requests did reach the black hole (this is not the refused-connection case), and the
    // server still answers other requests at once.
    expect(accepted).toBeGreaterThan(acceptedBefore);
    const health = await fetch(`${server.baseUrl}/api/2.0/mlflow/experiments/get?experiment_id=${experiment_id}`, { signal: AbortSignal.timeout(5_000) });
    expect(health.status).toBe(200);
  }, 3 * BOUND_MS + 30_000);

  // Uploads through the proxy: GCS opens its upload session with one bounded call and SFTP connects
  // first. (Azure stages blocks with no answer until a block is stored: its bound is the 120 s
  // upload idle timeout, too long for this test.)
  it.each(["GCS", "SFTP"])(`%s: an upload through the artifact proxy answers 503 naming the store within ${BOUND_MS / 1000} s`, async (name) => {
    await proxied?.stop();
    proxied = await startTestServer("pglite", { env, args: ["--artifacts-destination", uris[name].location] });
    const started = performance.now();
    const res = await fetch(`${proxied.baseUrl}/api/2.0/mlflow-artifacts/artifacts/1/run/artifacts/model.bin`, {
      method: "PUT",
      body: Buffer.alloc(64 * 1024, 7),
      signal: AbortSignal.timeout(BOUND_MS + 15_000),
    });
    expect([res.status, await res.json()]).toEqual([
      503,
      { error_code: "TEMPORARILY_UNAVAILABLE", message: `The artifact store ${uris[name].store} cannot be reached (${uris[name].reason}); retry the request shortly.` },
    ]);
    expect(performance.now() - started).toBeLessThan(BOUND_MS);
  }, 3 * BOUND_MS + 30_000);
});
