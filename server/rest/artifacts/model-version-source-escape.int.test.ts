import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createExperiment, createRun, errorOf, post, uniqueName } from "../../testing/api";
import { createModel } from "../../testing/registry";

// Issue 12, item 1: a model version's `source` must never let GET /model-versions/get-artifact
// read a file outside the artifact store or its run's / logged model's artifacts. Every spelling
// below aims at a canary file beside (outside) the experiment's artifact folder.

const CANARY = "canary: this file is outside every artifact root";
const base = fs.mkdtempSync(path.join(os.tmpdir(), "metron-escape-"));
const canaryDir = path.join(base, "canary");
const storeDir = path.join(base, "store");

const getArtifact = (query: Record<string, string>) =>
  fetch(`${inject("baseUrl")}/model-versions/get-artifact?${new URLSearchParams(query)}`);

interface Owner {
  field: "run_id" | "model_id";
  id: string;
  /** The owner's artifact folder on disk: `<store>/<run>/artifacts` or `<store>/models/<id>/artifacts`. */
  dir: string;
  /** How many folders `dir` lies below `base`. */
  depth: number;
}

let run: Owner;
let model: Owner;

beforeAll(async () => {
  fs.mkdirSync(canaryDir, { recursive: true });
  fs.writeFileSync(path.join(canaryDir, "secret.txt"), CANARY);
  const experimentId = await createExperiment(uniqueName("escape"), { artifact_location: storeDir });
  const runId = await createRun(experimentId);
  run = { field: "run_id", id: runId, dir: path.join(storeDir, runId, "artifacts"), depth: 3 };
  const created = await post("logged-models", { experiment_id: experimentId });
  expect(created.status).toBe(200);
  const modelId: string = created.body.model.info.model_id;
  model = { field: "model_id", id: modelId, dir: path.join(storeDir, "models", modelId, "artifacts"), depth: 4 };
  for (const owner of [run, model]) {
    fs.mkdirSync(path.join(owner.dir, "model"), { recursive: true });
    fs.writeFileSync(path.join(owner.dir, "model", "MLmodel"), "flavors: {}");
  }
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

/** Registers `source` for `owner`; answers the create reply and, when it was accepted, what get-artifact served. */
async function register(source: string, owner: Owner, file = "secret.txt") {
  const name = await createModel("escape");
  const created = await post("model-versions/create", { name, source, [owner.field]: owner.id });
  if (created.status !== 200) return { created: errorOf(created), served: undefined };
  const res = await getArtifact({ name, version: "1", path: file });
  return { created: { status: 200 }, served: { status: res.status, body: await res.text() } };
}

/** Spellings that climb from the owner's folder to `<base>/canary`; `up` climbs one folder. */
function hostileSources(owner: Owner): [string, string][] {
  const up = (n: number, step: string) => Array(n).fill(step).join("");
  const d = owner.depth;
  const dir = owner.dir;
  return [
    ["malformed escape, then encoded dot-dots (the reported exploit)", `file://${dir}/x/%zz${up(d + 2, "/%2e%2e")}/canary`],
    ["backslash segments (the reported exploit)", `file://${dir}/x${up(d + 1, "\\..")}\\canary`],
    ["encoded dot-dots", `file://${dir}${up(d, "/%2e%2e")}/canary`],
    ["upper-case encoded dot-dots", `file://${dir}${up(d, "/%2E%2E")}/canary`],
    ["encoded slashes", `file://${dir}/x${up(d + 1, "%2f..")}%2fcanary`],
    ["double-encoded dot-dots", `file://${dir}${up(d, "/%252e%252e")}/canary`],
    ["double-encoded slashes", `file://${dir}/x${up(d + 1, "%252f..")}%252fcanary`],
    ["encoded backslashes", `file://${dir}/x${up(d + 1, "%5c..")}%5ccanary`],
    ["mixed separators", `file://${dir}/x/..\\..${up(d - 1, "/..")}/canary`],
    ["plain dot-dots", `file://${dir}${up(d, "/..")}/canary`],
    ["plain path with dot-dots", `${dir}${up(d, "/..")}/canary`],
    ["plain path with encoded dot-dots", `${dir}${up(d, "/%2e%2e")}/canary`],
    ["plain path with backslashes", `${dir}\\..\\..\\..\\..\\..\\canary`],
    ["absolute path outside", canaryDir],
    ["file URI outside", `file://${canaryDir}`],
    ["file: with one slash", `file:${canaryDir}`],
    ["file: with localhost", `file://localhost${dir}${up(d, "/%2e%2e")}/canary`],
    ["file: with another host", `file://evil.example${canaryDir}`],
    ["file: with a host that starts like localhost", `file://localhost.evil.example${canaryDir}`],
    ["file: with credentials", `file://user@localhost${dir}${up(d, "/%2e%2e")}/canary`],
    ["query string hiding dot-dots", `file://${dir}/x?${up(d + 1, "/..")}/canary`],
    ["fragment hiding dot-dots", `file://${dir}/x#${up(d + 1, "/..")}/canary`],
    ["encoded NUL", `file://${dir}/model%00${up(d + 1, "/..")}/canary`],
    ["overlong UTF-8 dot", `file://${dir}${up(d, "/%c0%ae%c0%ae")}/canary`],
    ["truncated escape", `file://${dir}/x/%2${up(d + 1, "/%2e%2e")}/canary`],
    ["mlflow-artifacts with dot-dots", `mlflow-artifacts:/../../../../../../../..${canaryDir}`],
    ["mlflow-artifacts with encoded dot-dots", `mlflow-artifacts:/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e${canaryDir}`],
    ["runs:/ climbing out of the run", `runs:/${run.id}/../../..`],
    ["runs:/ with encoded dot-dots", `runs:/${run.id}/%2e%2e/%2e%2e/%2e%2e`],
  ];
}

describe.each([
  ["a run", () => run],
  ["a logged model", () => model],
])("model version sources of %s", (_, ownerOf) => {
  it("refuses every spelling that leads outside, with a 400, and never serves the canary", async () => {
    const owner = ownerOf();
    const outcomes: Record<string, unknown> = {};
    for (const [spelling, source] of hostileSources(owner)) {
      const { created, served } = await register(source, owner);
      outcomes[spelling] = served ?? created.status;
      expect(served?.body, `${spelling}: ${source}`).not.toBe(CANARY);
    }
    expect(outcomes).toEqual(Object.fromEntries(hostileSources(owner).map(([spelling]) => [spelling, 400])));
  });

  it("refuses a symbolic link out of the owner's folder, and one put in place after registering", async () => {
    const owner = ownerOf();
    const link = path.join(owner.dir, uniqueName("link"));
    fs.symlinkSync(canaryDir, link);
    expect((await register(link, owner)).created).toMatchObject({ status: 400, code: "INVALID_PARAMETER_VALUE" });
    expect((await register(`file://${link}`, owner)).created).toMatchObject({ status: 400, code: "INVALID_PARAMETER_VALUE" });

    // Registered while a real folder, then swapped for a link: the download must still stay inside.
    const swapped = path.join(owner.dir, uniqueName("swapped"));
    fs.mkdirSync(swapped);
    const name = await createModel("escape");
    expect((await post("model-versions/create", { name, source: swapped, [owner.field]: owner.id })).status).toBe(200);
    fs.rmdirSync(swapped);
    fs.symlinkSync(canaryDir, swapped);
    const res = await getArtifact({ name, version: "1", path: "secret.txt" });
    expect({ status: res.status, body: await res.text() }).toMatchObject({ status: 400 });
  });

  it("serves the owner's own files through every honest spelling", async () => {
    const owner = ownerOf();
    for (const source of [
      `${owner.dir}/model`,
      `file://${owner.dir}/model`,
      `file:${owner.dir}/model`,
      `file://localhost${owner.dir}/model`,
      `file://${owner.dir}/mod%65l`,
      `file://${owner.dir}/./x/../model/`,
    ]) {
      const { created, served } = await register(source, owner, "MLmodel");
      expect({ source, created, served }).toEqual({ source, created: { status: 200 }, served: { status: 200, body: "flavors: {}" } });
    }
  });
});

describe("malformed model version sources", () => {
  it("answers 400 naming the problem for malformed escapes in any scheme", async () => {
    const name = await createModel("escape");
    for (const source of [`file://${run.dir}/%zz`, `${run.dir}/%`, "mlflow-artifacts:/0/a%zzb", "s3://bucket/a%4", "gs://bucket/%e2%28%a1"]) {
      const res = await post("model-versions/create", { name, source, run_id: run.id });
      expect(errorOf(res), source).toMatchObject({ status: 400, code: "INVALID_PARAMETER_VALUE", message: expect.stringContaining("escape") });
    }
  });
});

describe("experiment artifact locations", () => {
  it("are parsed when stored: malformed escapes, backslashes, other hosts and climbing store paths answer 400", async () => {
    for (const location of [
      `file://${storeDir}/%zz`,
      `${storeDir}\\..\\..`,
      "file://evil.example/srv/artifacts",
      "mlflow-artifacts:/../../etc",
      "s3://bucket/a/../../b",
      `file://${storeDir}/%00`,
    ]) {
      const res = await post("experiments/create", { name: uniqueName("loc"), artifact_location: location });
      expect(errorOf(res), location).toMatchObject({ status: 400, code: "INVALID_PARAMETER_VALUE" });
    }
  });
});
