import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { TestServer } from "../testing/test-server";
import { createImportTarget, runCli, type ImportTarget } from "./testing/import-harness";
import { createMlflowDatabase, FIXTURE, fillMlflowDatabase, fillProxyDestination } from "./testing/mlflow-sqlite-fixture";
import { snapshotStore } from "./testing/store-snapshot";

// `metron import sqlite:///…` from a database made with MLflow's own schema, into a fresh Metron
// database on this project's driver; then read back through a Metron server on the imported data.

const driver = inject("driver");
const { parent, child, deleted, proxied } = FIXTURE.runs;

const EXPECTED_TABLE = `                            source        metron
experiments                      3             3  ok
runs                             4             4  ok
params                           4             4  ok
run tags                         9             9  ok
metric points                    8             8  ok
dataset inputs                   2             2  ok
logged models                    1             1  ok
registered models                1             1  ok
model versions                   2             2  ok
artifact files                   4             4  ok
artifact bytes              300021        300021  ok
sha-256 matches                  4             4  ok
metron import: done, every count matches`;

describe(`metron import from an MLflow SQLite database (${driver})`, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "metron-sqlite-src-"));
  const dbFile = path.join(tmp, "mlflow.db");
  const proxyDir = path.join(tmp, "proxy");
  let target: ImportTarget;
  let server: TestServer | undefined;
  let snapshot: Awaited<ReturnType<typeof snapshotStore>>;

  beforeAll(async () => {
    const db = createMlflowDatabase(dbFile);
    fillMlflowDatabase(db, path.join(tmp, "artifacts"));
    db.close();
    fillProxyDestination(proxyDir);
    target = await createImportTarget(driver, "sqlite");
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
    target?.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("copies everything, prints the verification table, and a second run writes nothing new", { timeout: 240_000 }, async () => {
    const dry = runCli(["import", `sqlite:///${dbFile}`, "--dry-run", ...target.args]);
    expect(dry.stderr).toContain("(dry run: nothing is written)");
    expect(dry.stdout.split("\n").slice(0, 3)).toEqual([
      "                            source        metron",
      "experiments                      3             -  ",
      "runs                             4             -  ",
    ]);
    expect(dry.code).toBe(0);
    const first = runCli(["import", `sqlite:///${dbFile}`, "--artifacts-from", proxyDir, ...target.args]);
    expect(first.stderr).toContain(`metron import: from MLflow SQLite database ${dbFile} (schema bf29a5ff90ea)`);
    expect(first.stdout).toBe(EXPECTED_TABLE);
    expect(first.code).toBe(0);
    const again = runCli(["import", `sqlite:///${dbFile}`, "--artifacts-from", proxyDir, ...target.args]);
    expect(again.stdout).toBe(EXPECTED_TABLE);
    expect(again.code).toBe(0);

    server = await target.start();
    snapshot = await snapshotStore(server.baseUrl);
  });

  it("keeps experiment ids, names, tags, lifecycle and times; artifact locations move to Metron's store", () => {
    expect(snapshot.experiments.map((e: { experiment_id: string; name: string; lifecycle_stage: string; artifact_location: string; creation_time: number; last_update_time: number }) => [e.experiment_id, e.name, e.lifecycle_stage, e.artifact_location, e.creation_time, e.last_update_time])).toEqual([
      ["0", "Default", "active", "mlflow-artifacts:/0", 1_700_000_000_000, 1_700_000_100_000],
      ["8", "old-stuff", "deleted", "mlflow-artifacts:/8", 1_700_000_000_008, 1_700_000_100_008],
      ["7", "vision", "active", "mlflow-artifacts:/7", 1_700_000_000_007, 1_700_000_100_007],
    ]);
    expect(snapshot.experiments[2].tags).toEqual([
      { key: "mlflow.note.content", value: "resnet sweeps" },
      { key: "team", value: "cv" },
    ]);
  });

  it("keeps runs with ids, names, status, times, user, params, tags, nesting and deletion", () => {
    const runs = Object.fromEntries(snapshot.runs.map((r: { info: { run_id: string } }) => [r.info.run_id, r]));
    expect(runs[parent].info).toEqual({
      run_id: parent,
      run_uuid: parent,
      run_name: "sweep",
      experiment_id: "7",
      user_id: "ana",
      status: "FINISHED",
      start_time: 1_700_000_200_000,
      end_time: 1_700_000_300_000,
      artifact_uri: `mlflow-artifacts:/7/${parent}/artifacts`,
      lifecycle_stage: "active",
    });
    expect(runs[parent].params).toEqual([
      { key: "layers", value: "50" },
      { key: "lr", value: "0.001" },
      { key: "optimizer", value: "adam" },
    ]);
    expect(runs[child].info.status).toBe("FAILED");
    expect(runs[child].tags).toContainEqual({ key: "mlflow.parentRunId", value: parent });
    expect(runs[deleted].info.lifecycle_stage).toBe("deleted");
    expect(runs[proxied].info.experiment_id).toBe("0");
  });

  it("copies every metric point with NaN and ±Infinity, and latest metrics as MLflow picks them", () => {
    const run = snapshot.runs.find((r: { info: { run_id: string } }) => r.info.run_id === parent);
    expect(run.history.loss).toEqual([
      { key: "loss", value: 1.5, timestamp: 1000, step: 0 },
      { key: "loss", value: 0.75, timestamp: 2000, step: 1 },
      { key: "loss", value: "NaN", timestamp: 3000, step: 2 },
    ]);
    expect(run.history.lr).toEqual([
      { key: "lr", value: "Infinity", timestamp: 1000, step: 0 },
      { key: "lr", value: "-Infinity", timestamp: 1001, step: 1 },
      { key: "lr", value: 0.001, timestamp: 1002, step: 1 },
    ]);
    expect(run.latestMetrics).toEqual([
      { key: "loss", value: "NaN", timestamp: 3000, step: 2 },
      { key: "lr", value: 0.001, timestamp: 1002, step: 1 },
    ]);
  });

  it("copies datasets once per experiment, with each run's input tags", () => {
    const inputsOf = (id: string) => snapshot.runs.find((r: { info: { run_id: string } }) => r.info.run_id === id).inputs;
    const dataset = { name: "imagenet-mini", digest: "abc123", source_type: "local", source: '{"uri": "/data/in"}', schema: '{"mlflow_colspec": []}', profile: '{"num_rows": 10}' };
    expect(inputsOf(parent)).toEqual([{ dataset, tags: [{ key: "mlflow.data.context", value: "training" }] }]);
    expect(inputsOf(child)).toEqual([{ dataset, tags: [] }]);
  });

  it("copies the logged model with its params, tags and metrics", () => {
    expect(snapshot.loggedModels).toHaveLength(1);
    const [model] = snapshot.loggedModels;
    const modelId = "m-".padEnd(34, "e");
    expect(model.info).toMatchObject({
      model_id: modelId,
      experiment_id: "7",
      name: "resnet",
      artifact_uri: `mlflow-artifacts:/7/models/${modelId}/artifacts`,
      creation_timestamp_ms: 1_700_000_500_000,
      last_updated_timestamp_ms: 1_700_000_600_000,
      status: "LOGGED_MODEL_READY",
      model_type: "pytorch",
      source_run_id: parent,
      tags: [{ key: "stage", value: "best" }],
    });
    expect(model.params).toEqual([{ key: "depth", value: "50" }]);
    const runOf = (id: string) => snapshot.runs.find((r: { info: { run_id: string } }) => r.info.run_id === id);
    expect([runOf(parent).modelOutputs, runOf(child).modelInputs]).toEqual([[{ model_id: modelId, step: 3 }], [{ model_id: modelId }]]);
    expect(model.metrics).toMatchObject([{ key: "accuracy", value: 0.91, timestamp: 1_700_000_550_000, step: 3, run_id: parent, dataset_name: "imagenet-mini", dataset_digest: "abc123" }]);
  });

  it("copies the registry: model, versions with stages and tags, aliases; storage locations follow the artifacts", () => {
    expect(snapshot.registeredModels).toHaveLength(1);
    const [model] = snapshot.registeredModels;
    expect(model).toMatchObject({
      name: "resnet-prod",
      creation_timestamp: 1_700_000_700_000,
      last_updated_timestamp: 1_700_000_800_000,
      description: "the model",
      tags: [{ key: "owner", value: "cv-team" }],
      aliases: [{ alias: "champion", version: "2" }],
    });
    expect(model.versions.map((v: Record<string, unknown>) => [v.version, v.current_stage, v.source, v.run_id, v.description, v.tags])).toEqual([
      ["1", "Archived", `runs:/${child}/model`, child, "v1", []],
      ["2", "Production", `runs:/${parent}/model`, parent, "v2", [{ key: "validated", value: "yes" }]],
    ]);
  });

  it("copies artifacts byte for byte, including those behind the old proxy (--artifacts-from)", () => {
    const filesOf = (id: string) => snapshot.runs.find((r: { info: { run_id: string } }) => r.info.run_id === id).artifacts;
    expect(filesOf(parent)).toEqual([
      { path: "model/weights.bin", size: 300_000, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { path: "notes.txt", size: 5, sha256: "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824" },
    ]);
    expect(filesOf(proxied)).toEqual([{ path: "plot.png", size: 4, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
  });

  it("refuses an unknown schema revision, a name clash (writing nothing of it) and a missing --artifacts-from", { timeout: 240_000 }, async () => {
    await server?.stop();
    server = undefined;
    const unknown = path.join(tmp, "future.db");
    createMlflowDatabase(unknown, "ffffffffffff").close();
    const refused = runCli(["import", `sqlite:///${unknown}`, ...target.args]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`metron import: unknown MLflow schema version 'ffffffffffff' in ${unknown}: this Metron reads revisions up to 1b5f0d9ad7c1`);

    const clashing = path.join(tmp, "clash.db");
    const db = createMlflowDatabase(clashing);
    db.run("insert into experiments (experiment_id, name, artifact_location, lifecycle_stage) values (0, 'Default', '/x', 'active'), (3, 'vision', '/x', 'active')");
    db.run("insert into runs (run_uuid, name, user_id, status, start_time, lifecycle_stage, artifact_uri, experiment_id) values ('f'||hex(randomblob(15)), 'r', 'u', 'FINISHED', 1, 'active', '/x', 3)");
    db.close();
    const clash = runCli(["import", `sqlite:///${clashing}`, ...target.args]);
    expect(clash.code).toBe(1);
    expect(clash.stderr).toContain(
      "metron import: name clash: the source's experiment 'vision' (id 3) and Metron's experiment 7 have the same name. Rename one of them, or leave it out with --experiments.",
    );

    const noProxy = runCli(["import", `sqlite:///${dbFile}`, ...target.args]);
    expect(noProxy.code).toBe(1);
    expect(noProxy.stderr).toContain(`metron import: artifacts at 'mlflow-artifacts:/0/${proxied}/artifacts' were stored by an MLflow artifact proxy: name its destination with --artifacts-from`);

    server = await target.start();
    const after = await snapshotStore(server.baseUrl);
    expect(after.experiments.map((e: { name: string }) => e.name)).toEqual(["Default", "old-stuff", "vision"]);
    expect(after.runs).toHaveLength(4);
  });
});
