import { describe, expect, inject, it } from "vitest";
import { createExperiment, uniqueName } from "../../testing/api";
import http from "node:http";
import { downloadDigest, patternBytes, rawRequest, sha256, type RawReply } from "../../testing/artifacts";

// The custom server answers the REST API itself (node-router.ts) and leaves everything else to
// Next. Which one answered shows in the headers: Next marks its replies with a `vary: rsc, …`
// header and sends JSON chunked; the fast path sends an exact Content-Length.

const answeredByNext = (reply: RawReply) => String(reply.headers.vary ?? "").includes("rsc");

describe("REST fast path", () => {
  const baseUrl = () => inject("baseUrl");

  it("answers the tracking API on both prefixes, with an exact Content-Length", async () => {
    for (const prefix of ["/api", "/ajax-api"]) {
      const name = uniqueName("fast");
      const created = await rawRequest(baseUrl(), "POST", `${prefix}/2.0/mlflow/experiments/create`, {
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name }),
      });
      expect(created.status).toBe(200);
      expect(answeredByNext(created)).toBe(false);
      expect(created.headers["content-length"]).toBe(String(created.body.length));
      const fetched = await rawRequest(baseUrl(), "GET", `${prefix}/2.0/mlflow/experiments/get?experiment_id=${created.json.experiment_id}`);
      expect(fetched.json.experiment.name).toBe(name);

      const missing = await rawRequest(baseUrl(), "GET", `${prefix}/2.0/mlflow/experiments/nope`);
      expect([missing.status, missing.json]).toEqual([
        404,
        { error_code: "ENDPOINT_NOT_FOUND", message: `No API endpoint found for GET ${prefix}/2.0/mlflow/experiments/nope` },
      ]);
      expect(answeredByNext(missing)).toBe(false);
    }
  });

  it("streams artifacts through the proxy and /health answers, all without Next", async () => {
    const path = `/api/2.0/mlflow-artifacts/artifacts/${uniqueName("fast")}/notes%20one.txt`;
    const put = await rawRequest(baseUrl(), "PUT", path, { body: "fast path bytes" });
    expect([put.status, put.json, answeredByNext(put)]).toEqual([200, {}, false]);
    const got = await rawRequest(baseUrl(), "GET", path, { headers: { range: "bytes=5-8" } });
    expect([got.status, got.text, got.headers["content-length"], got.headers["content-range"]]).toEqual([206, "path", "4", "bytes 5-8/15"]);
    expect(answeredByNext(got)).toBe(false);
    const health = await rawRequest(baseUrl(), "GET", "/health");
    expect([health.status, health.text, answeredByNext(health)]).toEqual([200, "OK", false]);
  });

  it("survives clients that hang up mid-download, and keeps serving the same file whole", async () => {
    const path = `/api/2.0/mlflow-artifacts/artifacts/${uniqueName("fast")}/big.bin`;
    const bytes = patternBytes(16 * 1024 * 1024);
    expect((await rawRequest(baseUrl(), "PUT", path, { body: bytes })).status).toBe(200);
    // Each client reads the first bytes and resets the connection while the server is still sending.
    // (The unhandled rejection this once caused is caught by file-byte-stream.test.ts: in the real
    // server Next's process handlers log such rejections instead of exiting.)
    for (let i = 0; i < 20; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = http.get(`${baseUrl()}${path}`, (res) => {
          res.once("data", () => {
            // A reset (RST), as a killed client or a proxy timeout sends: the server's next write fails.
            req.socket?.resetAndDestroy();
            resolve();
          });
        });
        req.on("error", (err) => ((err as NodeJS.ErrnoException).code === "ECONNRESET" ? resolve() : reject(err)));
      });
    }
    const whole = await downloadDigest(`${baseUrl()}${path}`);
    expect([whole.status, whole.size, whole.sha256]).toEqual([200, bytes.length, sha256(bytes)]);
  });

  it("leaves to Next what Next redirects or answers itself", async () => {
    const trailing = await rawRequest(baseUrl(), "GET", "/api/2.0/mlflow/experiments/get/?experiment_id=0");
    expect([trailing.status, trailing.headers.location]).toEqual([308, "/api/2.0/mlflow/experiments/get?experiment_id=0"]);
    const doubled = await rawRequest(baseUrl(), "GET", "/api/2.0/mlflow-artifacts/artifacts/a//b.txt");
    expect([doubled.status, doubled.headers.location]).toEqual([308, "/api/2.0/mlflow-artifacts/artifacts/a/b.txt"]);
    const options = await rawRequest(baseUrl(), "OPTIONS", "/api/2.0/mlflow/runs/log-batch");
    expect([options.status, answeredByNext(options)]).toEqual([204, true]);
    // Dot segments in an API path are refused before any router (request-screen.ts).
    const dotted = await rawRequest(baseUrl(), "GET", "/api/2.0/mlflow/x/../experiments/get?experiment_id=0");
    expect([dotted.status, dotted.json.error_code, answeredByNext(dotted)]).toEqual([400, "INVALID_PARAMETER_VALUE", false]);
  });

  it("shares one database with the Next routes (tRPC sees what REST wrote)", async () => {
    const name = uniqueName("shared");
    const experimentId = await createExperiment(name);
    const input = encodeURIComponent(JSON.stringify({ filter: `name = '${name}'` }));
    const res = await fetch(`${baseUrl()}/api/trpc/experimentList.search?input=${input}`);
    const body = await res.json();
    expect(res.status).toBe(200);
    expect(body.result.data.experiments.map((e: { experimentId: string }) => e.experimentId)).toEqual([experimentId]);
  });
});
