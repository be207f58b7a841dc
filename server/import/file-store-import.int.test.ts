import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { TestServer } from "../testing/test-server";
import { createImportTarget, runCli, type ImportTarget } from "./testing/import-harness";
import { snapshotStore } from "./testing/store-snapshot";

// `metron import ./mlruns`: a folder in MLflow's file-store layout (written here as MLflow's
// FileStore writes it: YAML meta files, one file per param/tag, "timestamp value step" lines).

const RUN = "0123456789abcdef0123456789abcdef";
const CHILD = "fedcba9876543210fedcba9876543210";

function write(file: string, content: string | Buffer) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function makeFileStore(root: string) {
  write(path.join(root, "0", "meta.yaml"), `artifact_location: file://${root}/0\nexperiment_id: '0'\nlifecycle_stage: active\nname: Default\ncreation_time: 1700000000000\nlast_update_time: 1700000000000\n`);
  const exp = path.join(root, "42");
  write(path.join(exp, "meta.yaml"), `artifact_location: file://${exp}\ncreation_time: 1700000001000\nexperiment_id: '42'\nlast_update_time: 1700000002000\nlifecycle_stage: active\nname: tabular\n`);
  write(path.join(exp, "tags", "mlflow.note.content"), "xgboost runs");
  const run = (id: string, name: string, status: number) => {
    const dir = path.join(exp, id);
    write(
      path.join(dir, "meta.yaml"),
      `artifact_uri: file://${dir}/artifacts\nend_time: 1700000009000\nentry_point_name: ''\nexperiment_id: '42'\nlifecycle_stage: active\n` +
        `run_id: ${id}\nrun_name: ${name}\nrun_uuid: ${id}\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: 1700000003000\nstatus: ${status}\ntags: []\nuser_id: cy\n`,
    );
    write(path.join(dir, "tags", "mlflow.runName"), name);
    return dir;
  };
  const dir = run(RUN, "xgb", 3);
  write(path.join(dir, "params", "max_depth"), "6");
  write(path.join(dir, "params", "eta"), "0.3");
  write(path.join(dir, "tags", "mlflow.source.name"), "train.py");
  // A key with a slash is a nested folder; the same point written twice (a client retry) is kept once.
  write(path.join(dir, "metrics", "rmse"), "1000 3.5 0\n2000 nan 1\n3000 inf 2\n3000 inf 2\n4000 -inf 3\n");
  write(path.join(dir, "metrics", "val", "auc"), "1000 0.9 0\n");
  write(path.join(dir, "artifacts", "model.json"), '{"trees": 10}');
  const child = run(CHILD, "xgb-fold-1", 4);
  write(path.join(child, "tags", "mlflow.parentRunId"), RUN);

  const model = path.join(root, "models", "churn");
  write(path.join(model, "meta.yaml"), "creation_timestamp: 1700000010000\ndescription: churn model\nlast_updated_timestamp: 1700000011000\nname: churn\n");
  write(path.join(model, "tags", "domain"), "crm");
  write(path.join(model, "aliases", "prod"), "1");
  write(
    path.join(model, "version-1", "meta.yaml"),
    `creation_timestamp: 1700000010500\ncurrent_stage: Production\ndescription: ''\nlast_updated_timestamp: 1700000010600\nname: churn\nrun_id: ${RUN}\n` +
      `run_link: ''\nsource: file://${dir}/artifacts\nstatus: READY\nstatus_message: null\nuser_id: cy\nversion: 1\n`,
  );
}

describe.runIf(inject("driver") === "postgres")("metron import from an MLflow file store", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "metron-mlruns-"));
  let target: ImportTarget;
  let server: TestServer | undefined;

  beforeAll(async () => {
    makeFileStore(root);
    target = await createImportTarget("postgres", "filestore");
  });
  afterAll(async () => {
    await server?.stop();
    target?.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("copies experiments, runs, every distinct point, the registry and artifacts", { timeout: 240_000 }, async () => {
    const result = runCli(["import", root, ...target.args]);
    expect(result.stdout).toContain("metric points                    5             5  ok");
    expect(result.stdout).toContain("model versions                   1             1  ok");
    expect(result.code).toBe(0);

    server = await target.start();
    const snapshot = await snapshotStore(server.baseUrl);
    expect(snapshot.experiments.map((e: any) => [e.experiment_id, e.name, e.artifact_location, e.creation_time, e.tags])).toEqual([
      ["0", "Default", "mlflow-artifacts:/0", 1_700_000_000_000, []],
      ["42", "tabular", "mlflow-artifacts:/42", 1_700_000_001_000, [{ key: "mlflow.note.content", value: "xgboost runs" }]],
    ]);
    const run = snapshot.runs.find((r: any) => r.info.run_id === RUN);
    expect(run.info).toMatchObject({ run_name: "xgb", status: "FINISHED", user_id: "cy", start_time: 1_700_000_003_000, end_time: 1_700_000_009_000 });
    expect(run.params).toEqual([{ key: "eta", value: "0.3" }, { key: "max_depth", value: "6" }]);
    expect(run.history.rmse.map((m: any) => [m.value, m.timestamp, m.step])).toEqual([
      [3.5, 1000, 0],
      ["NaN", 2000, 1],
      ["Infinity", 3000, 2],
      ["-Infinity", 4000, 3],
    ]);
    expect(run.history["val/auc"].map((m: any) => m.value)).toEqual([0.9]);
    expect(run.artifacts).toEqual([{ path: "model.json", size: 13, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    const child = snapshot.runs.find((r: any) => r.info.run_id === CHILD);
    expect(child.info.status).toBe("FAILED");
    expect(child.tags).toContainEqual({ key: "mlflow.parentRunId", value: RUN });
    expect(snapshot.registeredModels).toMatchObject([
      {
        name: "churn",
        description: "churn model",
        tags: [{ key: "domain", value: "crm" }],
        aliases: [{ alias: "prod", version: "1" }],
        versions: [{ version: "1", current_stage: "Production", run_id: RUN, source: `mlflow-artifacts:/42/${RUN}/artifacts` }],
      },
    ]);
  });

  it("metron server --backend-store-uri on a file store or SQLite file answers with the import command", () => {
    const folder = runCli(["server", "--backend-store-uri", root, "--artifacts-destination", "/srv/art"]);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toBe(
      `metron: '${root}' is an MLflow file store: Metron keeps its data in PostgreSQL or its embedded database. ` +
        `Copy it in once (run it again to resume or pick up new runs):\n\n  npx metron import ${root} --artifacts-destination /srv/art\n\n` +
        `then start the server without --backend-store-uri:\n\n  npx metron server --artifacts-destination /srv/art`,
    );
    const sqlite = runCli(["server", "--backend-store-uri", "sqlite:////data/mlflow.db"]);
    expect(sqlite.code).toBe(1);
    expect(sqlite.stderr).toContain("  npx metron import sqlite:////data/mlflow.db\n");
  });
});
