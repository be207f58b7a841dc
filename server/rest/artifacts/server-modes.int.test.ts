import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, inject, it } from "vitest";
import { startTestServer, type TestServer } from "../../testing/test-server";

// The three server modes of `mlflow server`, each on a server of its own (so PGlite only):
// --serve-artifacts (the default; every other artifact test runs on it), --no-serve-artifacts and
// --artifacts-only, set once by flag and once by the env twin.

const servers: TestServer[] = [];
const folders: string[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  folders.forEach((f) => fs.rmSync(f, { recursive: true, force: true }));
});

async function start(options: Parameters<typeof startTestServer>[1]) {
  const server = await startTestServer("pglite", options);
  servers.push(server);
  return server;
}

function tempFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "metron-modes-"));
  folders.push(folder);
  return folder;
}

async function call(url: string, init: RequestInit = {}) {
  const res = await fetch(url, init);
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

const json = (body: unknown): RequestInit => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe.runIf(inject("driver") === "pglite")("server modes", () => {
  it("--no-serve-artifacts: the proxy answers 503, runs get the destination's file:// URI", async () => {
    const destination = tempFolder();
    const server = await start({ args: ["--no-serve-artifacts", "--artifacts-destination", destination] });
    const disabled = (pathname: string) => ({
      status: 503,
      type: "text/plain; charset=utf-8",
      text:
        `Endpoint: ${pathname} disabled due to the server running with --no-serve-artifacts. ` +
        "To enable artifacts server functionality, start the server with --serve-artifacts.",
    });
    expect(await call(`${server.baseUrl}/api/2.0/mlflow-artifacts/artifacts/a.txt`, { method: "PUT", body: "x" })).toEqual(
      disabled("/api/2.0/mlflow-artifacts/artifacts/a.txt"),
    );
    expect(await call(`${server.baseUrl}/ajax-api/2.0/mlflow-artifacts/artifacts?path=x`)).toEqual(disabled("/ajax-api/2.0/mlflow-artifacts/artifacts"));
    expect(await call(`${server.baseUrl}/api/2.0/mlflow-artifacts/mpu/create/a.bin`, json({ path: "a.bin", num_parts: 1 }))).toEqual(
      disabled("/api/2.0/mlflow-artifacts/mpu/create/a.bin"),
    );

    const api = `${server.baseUrl}/api/2.0/mlflow`;
    const { experiment_id: experimentId } = await (await fetch(`${api}/experiments/create`, json({ name: "direct" }))).json();
    const { run } = await (await fetch(`${api}/runs/create`, json({ experiment_id: experimentId }))).json();
    const runRoot = `${pathToFileURL(destination).href}/${experimentId}/${run.info.run_id}/artifacts`;
    expect(run.info.artifact_uri).toBe(runRoot);

    // The client writes there itself; the tracking server still lists and serves what is there.
    const runDir = path.join(destination, experimentId, run.info.run_id, "artifacts");
    fs.mkdirSync(runDir, { recursive: true });
    fs.writeFileSync(path.join(runDir, "direct.txt"), "written by the client");
    expect(await (await fetch(`${api}/artifacts/list?run_id=${run.info.run_id}`)).json()).toEqual({
      root_uri: runRoot,
      files: [{ path: "direct.txt", is_dir: false, file_size: 21 }],
    });
    expect((await call(`${server.baseUrl}/get-artifact?run_id=${run.info.run_id}&path=direct.txt`)).text).toBe("written by the client");
  });

  it("--artifacts-only (MLFLOW_ARTIFACTS_ONLY): tracking answers 503, the proxy serves", async () => {
    const destination = tempFolder();
    const server = await start({ env: { MLFLOW_ARTIFACTS_ONLY: "true", METRON_ARTIFACTS_DIR: destination } });
    const disabled = (pathname: string) => ({
      status: 503,
      type: "text/plain; charset=utf-8",
      text:
        `Endpoint: ${pathname} disabled due to the server running in --artifacts-only mode. ` +
        "To enable tracking server functionality, start the server without --artifacts-only.",
    });
    expect(await call(`${server.baseUrl}/api/2.0/mlflow/experiments/create`, json({ name: "x" }))).toEqual(
      disabled("/api/2.0/mlflow/experiments/create"),
    );
    expect(await call(`${server.baseUrl}/ajax-api/2.0/mlflow/artifacts/list?run_id=abc`)).toEqual(disabled("/ajax-api/2.0/mlflow/artifacts/list"));
    expect(await call(`${server.baseUrl}/get-artifact?run_id=abc&path=x`)).toEqual(disabled("/get-artifact"));
    expect(await call(`${server.baseUrl}/api/trpc/experiments.list`)).toEqual(disabled("/api/trpc/experiments.list"));
    expect(await call(`${server.baseUrl}/health`)).toEqual({ status: 200, type: "text/plain; charset=utf-8", text: "OK" });

    expect(await call(`${server.baseUrl}/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/a.txt`, { method: "PUT", body: "served" })).toMatchObject({
      status: 200,
      text: "{}",
    });
    expect(fs.readFileSync(path.join(destination, "1/r/artifacts/a.txt"), "utf8")).toBe("served");
    expect((await call(`${server.baseUrl}/api/2.0/mlflow-artifacts/artifacts/1/r/artifacts/a.txt`)).text).toBe("served");
  });

  it("refuses --artifacts-only together with --no-serve-artifacts", async () => {
    await expect(start({ args: ["--artifacts-only", "--no-serve-artifacts"] })).rejects.toThrow(
      "server exited with 1:\nmetron: --artifacts-only cannot be combined with --no-serve-artifacts",
    );
  });
});
