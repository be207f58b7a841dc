import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { sleep } from "../testing/retrying-ingest";
import { dropDatabase, startTestServer, testDatabaseUrl, type TestServer } from "../testing/test-server";

// Issue #21 item 2: SIGTERM drains. Requests in flight (a slow upload, a long log-batch) complete, new
// connections are refused, and the process exits 0 within a bound (METRON_DRAIN_TIMEOUT).

const UPLOAD_CHUNKS = 5;
const CHUNK = Buffer.alloc(64 * 1024, 7);
const EVERY_MS = 300;

/**
 * Sends a request on its own new connection, its body in `chunks` one every EVERY_MS (a slow client),
 * resolving `started` after the first chunk and `status` with the server's answer.
 */
function slowRequest(url: string, method: string, chunks: Buffer[]): { started: Promise<void>; status: Promise<number> } {
  let onStarted = () => {};
  const started = new Promise<void>((resolve) => (onStarted = resolve));
  const status = new Promise<number>((resolve, reject) => {
    const req = http.request(url, { method, agent: false, headers: { "content-type": "application/json", "transfer-encoding": "chunked" } });
    req.on("response", (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode!));
    });
    req.on("error", reject);
    (async () => {
      for (const [i, chunk] of chunks.entries()) {
        req.write(chunk);
        if (i === 0) onStarted();
        await sleep(EVERY_MS);
      }
      req.end();
    })();
  });
  return { started, status };
}

/** Whether a brand-new connection to `baseUrl` is accepted ("accepted") or fails (its error code). */
const tryConnect = (baseUrl: string) =>
  new Promise<string>((resolve) => {
    const req = http.get(`${baseUrl}/health`, { agent: false }, (res) => {
      res.resume();
      resolve("accepted");
    });
    req.on("error", (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message));
  });

describe.runIf(inject("driver") === "postgres")("SIGTERM drains requests in flight", { timeout: 60_000 }, () => {
  const databaseUrl = testDatabaseUrl("drain");
  const artifactsDir = fs.mkdtempSync(path.join(os.tmpdir(), "metron-drain-"));
  let server: TestServer | undefined;

  afterAll(async () => {
    await server?.stop();
    await dropDatabase(databaseUrl);
    fs.rmSync(artifactsDir, { recursive: true, force: true });
  });

  it("completes a slow upload and a long batch, refuses new connections, exits 0 in time", async () => {
    server = await startTestServer("postgres", { databaseUrl, env: { METRON_ARTIFACTS_DIR: artifactsDir, METRON_DRAIN_TIMEOUT: "8" } });
    const { baseUrl } = server;
    const created = await fetch(`${baseUrl}/api/2.0/mlflow/runs/create`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ experiment_id: "0" }) });
    const runId: string = (await created.json()).run.info.run_id;

    const upload = slowRequest(`${baseUrl}/api/2.0/mlflow-artifacts/artifacts/drain/slow.bin`, "PUT", Array(UPLOAD_CHUNKS).fill(CHUNK));
    // Long batches from slow clients: half the JSON now, the rest after the signal.
    const batches = Array.from({ length: 5 }, (_, i) => {
      const metrics = Array.from({ length: 1000 }, (_, step) => ({ key: `long_${i}`, value: step, timestamp: 1_700_000_000_000 + step, step }));
      const json = Buffer.from(JSON.stringify({ run_id: runId, metrics }));
      return slowRequest(`${baseUrl}/api/2.0/mlflow/runs/log-batch`, "POST", [json.subarray(0, json.length / 2), json.subarray(json.length / 2)]);
    });
    await Promise.all([upload.started, ...batches.map((b) => b.started)]);
    await sleep(100); // the server has their headers
    const exitCode = new Promise<number | null>((resolve) => server!.process.once("exit", resolve));
    const signalledAt = performance.now();
    server.process.kill("SIGTERM");
    await sleep(100);

    // A new connection is refused while the upload still streams in.
    expect(await tryConnect(baseUrl)).toBe("ECONNREFUSED");

    expect(await Promise.all(batches.map((b) => b.status))).toEqual([200, 200, 200, 200, 200]);
    expect(await upload.status).toBe(200);
    expect(await exitCode).toBe(0);
    const stopMs = performance.now() - signalledAt;
    expect(stopMs).toBeLessThan(8000 + 3000);
    expect(stopMs).toBeGreaterThan(UPLOAD_CHUNKS * EVERY_MS - 500); // it did wait for the upload

    const stored = fs.readdirSync(artifactsDir, { recursive: true }).map(String).find((p) => p.endsWith("slow.bin"));
    expect(stored && fs.statSync(path.join(artifactsDir, stored)).size).toBe(UPLOAD_CHUNKS * CHUNK.length);

    // Everything the batches were told was stored is there after a restart.
    server = await startTestServer("postgres", { databaseUrl, keepDatabase: true, env: { METRON_ARTIFACTS_DIR: artifactsDir } });
    const history = await fetch(`${server.baseUrl}/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=long_4`);
    expect((await history.json()).metrics).toHaveLength(1000);
  });
});
