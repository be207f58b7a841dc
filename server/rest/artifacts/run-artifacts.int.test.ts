import { describe, expect, inject, it } from "vitest";
import { LIST_PAGE_SIZE } from "../../services/artifacts/list-artifact-directory";
import { createExperiment, createRun, get, post } from "../../testing/api";
import { patternBytes, rawRequest } from "../../testing/artifacts";

// A run's artifacts through the tracking API: mlflow/artifacts/list (the UI's browser) and
// /get-artifact (downloads and previews), on files uploaded through the proxy as clients do.

const baseUrl = () => inject("baseUrl");

/** A fresh run and a function that uploads into its artifact root, as mlflow.log_artifact does. */
async function runWithArtifacts() {
  const experimentId = await createExperiment();
  const runId = await createRun(experimentId);
  const artifactUri: string = (await get("runs/get", { run_id: runId })).body.run.info.artifact_uri;
  const proxiedRoot = artifactUri.replace(/^mlflow-artifacts:\//, "");
  const upload = async (path: string, body: string | Buffer) => {
    const res = await fetch(`${baseUrl()}/api/2.0/mlflow-artifacts/artifacts/${proxiedRoot}/${path}`, { method: "PUT", body: body as unknown as BodyInit });
    expect(res.status).toBe(200);
  };
  return { runId, experimentId, artifactUri, upload };
}

const getArtifact = (query: string, headers: Record<string, string> = {}) => fetch(`${baseUrl()}/get-artifact?${query}`, { headers });

describe("mlflow/artifacts/list", () => {
  it("lists a run's root and sub-folders with run-relative paths and the run's root_uri", async () => {
    const run = await runWithArtifacts();
    expect(run.artifactUri).toBe(`mlflow-artifacts:/${run.experimentId}/${run.runId}/artifacts`);
    await run.upload("model/MLmodel", "flavors: {}");
    await run.upload("model/data/weights.bin", patternBytes(300));
    await run.upload("metrics.json", "{}");

    expect((await get("artifacts/list", { run_id: run.runId })).body).toEqual({
      root_uri: run.artifactUri,
      files: [
        { path: "metrics.json", is_dir: false, file_size: 2 },
        { path: "model", is_dir: true },
      ],
    });
    expect((await get("artifacts/list", { run_id: run.runId, path: "model" })).body).toEqual({
      root_uri: run.artifactUri,
      files: [
        { path: "model/MLmodel", is_dir: false, file_size: 11 },
        { path: "model/data", is_dir: true },
      ],
    });
    const viaAjax = await fetch(`${baseUrl()}/ajax-api/2.0/mlflow/artifacts/list?run_uuid=${run.runId}&path=model/data`);
    expect(await viaAjax.json()).toEqual({ root_uri: run.artifactUri, files: [{ path: "model/data/weights.bin", is_dir: false, file_size: 300 }] });
  });

  it("answers a run without artifacts with its root_uri only", async () => {
    const run = await runWithArtifacts();
    expect((await get("artifacts/list", { run_id: run.runId })).body).toEqual({ root_uri: run.artifactUri });
  });

  it("refuses unknown runs and unsafe paths", async () => {
    expect((await get("artifacts/list", { run_id: "f".repeat(32) })).body).toEqual({
      error_code: "RESOURCE_DOES_NOT_EXIST",
      message: `Run with id=${"f".repeat(32)} not found`,
    });
    const run = await runWithArtifacts();
    const traversal = await get("artifacts/list", { run_id: run.runId, path: "../../.." });
    expect({ status: traversal.status, body: traversal.body }).toEqual({
      status: 400,
      body: { error_code: "INVALID_PARAMETER_VALUE", message: "Invalid path '../../..': '..' segments are not allowed." },
    });
  });

  // 1001 uploads: driver-independent, so once.
  it.runIf(inject("driver") === "pglite")("pages folders larger than one page with next_page_token", async () => {
    const run = await runWithArtifacts();
    const names = Array.from({ length: LIST_PAGE_SIZE + 1 }, (_, i) => `f${String(i).padStart(4, "0")}.txt`);
    for (let i = 0; i < names.length; i += 50) await Promise.all(names.slice(i, i + 50).map((name) => run.upload(`many/${name}`, "x")));

    const first = (await get("artifacts/list", { run_id: run.runId, path: "many" })).body;
    expect(first.files).toHaveLength(LIST_PAGE_SIZE);
    expect(first.files[0]).toEqual({ path: "many/f0000.txt", is_dir: false, file_size: 1 });
    const second = (await get("artifacts/list", { run_id: run.runId, path: "many", page_token: first.next_page_token })).body;
    expect(second).toEqual({ root_uri: run.artifactUri, files: [{ path: `many/${names.at(-1)}`, is_dir: false, file_size: 1 }] });
  });
});

describe("GET /get-artifact", () => {
  it("sends the file as an attachment, typed by extension, never sniffed", async () => {
    const run = await runWithArtifacts();
    await run.upload("plots/loss.png", patternBytes(64));
    await run.upload("report.html", "<script>alert(1)</script>");

    const png = await getArtifact(`run_id=${run.runId}&path=plots/loss.png`);
    expect(png.status).toBe(200);
    expect(Object.fromEntries(["content-type", "content-disposition", "x-content-type-options", "content-length", "accept-ranges"].map((h) => [h, png.headers.get(h)]))).toEqual({
      "content-type": "image/png",
      "content-disposition": 'attachment; filename="loss.png"',
      "x-content-type-options": "nosniff",
      "content-length": "64",
      "accept-ranges": "bytes",
    });
    expect(Buffer.from(await png.arrayBuffer())).toEqual(patternBytes(64));

    // Markup is sent as plain text: an uploaded page must not run on the server's origin.
    const html = await getArtifact(`run_uuid=${run.runId}&path=report.html`);
    expect([html.headers.get("content-type"), await html.text()]).toEqual(["text/plain; charset=utf-8", "<script>alert(1)</script>"]);
  });

  it("serves a byte range (206) and answers 416 past the end", async () => {
    const run = await runWithArtifacts();
    await run.upload("log.txt", "0123456789");
    const partial = await getArtifact(`run_id=${run.runId}&path=log.txt`, { range: "bytes=2-5" });
    expect([partial.status, partial.headers.get("content-range"), await partial.text()]).toEqual([206, "bytes 2-5/10", "2345"]);
    const outside = await getArtifact(`run_id=${run.runId}&path=log.txt`, { range: "bytes=10-" });
    expect([outside.status, outside.headers.get("content-range")]).toEqual([416, "bytes */10"]);
  });

  it("answers MLflow JSON errors for a missing run, path or file, and for traversal", async () => {
    const run = await runWithArtifacts();
    const reply = async (query: string) => {
      const res = await getArtifact(query);
      return { status: res.status, body: await res.json() };
    };
    expect(await reply(`run_id=${run.runId}&path=nope.txt`)).toEqual({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST", message: "No artifact file at 'nope.txt'." },
    });
    expect(await reply(`run_id=${run.runId}`)).toEqual({
      status: 400,
      body: {
        error_code: "INVALID_PARAMETER_VALUE",
        message: "Missing value for required parameter 'path'. See the API docs for more information about request parameters.",
      },
    });
    expect(await reply(`run_id=${"a".repeat(32)}&path=x`)).toEqual({
      status: 404,
      body: { error_code: "RESOURCE_DOES_NOT_EXIST", message: `Run with id=${"a".repeat(32)} not found` },
    });
    const traversal = await rawRequest(baseUrl(), "GET", `/get-artifact?run_id=${run.runId}&path=..%2F..%2F..%2Fetc%2Fpasswd`);
    expect({ status: traversal.status, body: traversal.json }).toEqual({
      status: 400,
      body: { error_code: "INVALID_PARAMETER_VALUE", message: "Invalid path '../../../etc/passwd': '..' segments are not allowed." },
    });
  });

  it("reads artifacts of deleted runs too (until gc removes them)", async () => {
    const run = await runWithArtifacts();
    await run.upload("kept.txt", "still here");
    await post("runs/delete", { run_id: run.runId });
    expect(await (await getArtifact(`run_id=${run.runId}&path=kept.txt`)).text()).toBe("still here");
  });
});
