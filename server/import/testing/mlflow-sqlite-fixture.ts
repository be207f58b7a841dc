import fs from "node:fs";
import path from "node:path";
import sqlite from "node-sqlite3-wasm";

// An MLflow SQLite database built from MLflow's own schema (applied as is) and filled the way
// MLflow's SQLAlchemy store writes rows: NaN as value 0 + is_nan, ±Inf as ±DBL_MAX.

const SCHEMA = path.join(import.meta.dirname, "mlflow-3.6-latest-schema.sql");
export const SCHEMA_REVISION = "bf29a5ff90ea";

export function createMlflowDatabase(file: string, revision = SCHEMA_REVISION): sqlite.Database {
  fs.rmSync(file, { force: true });
  const db = new sqlite.Database(file);
  // The dump separates statements by blank lines and ends none with a semicolon.
  for (const statement of fs.readFileSync(SCHEMA, "utf8").split(/\n\s*\n/).map((s) => s.trim()).filter(Boolean)) db.run(statement);
  for (const table of ["params", "metrics", "latest_metrics", "tags"]) db.run(`create index index_${table}_run_uuid on ${table} (run_uuid)`);
  db.run("insert into alembic_version values (?)", revision);
  return db;
}

export interface FixturePoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

/** A metric point as MLflow's SQL store writes it. */
export function insertPoint(db: sqlite.Database, runId: string, p: FixturePoint): void {
  const isNan = Number.isNaN(p.value);
  const value = isNan ? 0 : p.value === Infinity ? Number.MAX_VALUE : p.value === -Infinity ? -Number.MAX_VALUE : p.value;
  db.run("insert into metrics (key, value, timestamp, run_uuid, step, is_nan) values (?, ?, ?, ?, ?, ?)", [p.key, value, p.timestamp, runId, p.step, isNan ? 1 : 0]);
}

export const FIXTURE = {
  experiments: [
    { id: 0, name: "Default", tags: [] as [string, string][] },
    { id: 7, name: "vision", tags: [["team", "cv"], ["mlflow.note.content", "resnet sweeps"]] as [string, string][] },
    { id: 8, name: "old-stuff", lifecycle: "deleted", tags: [] as [string, string][] },
  ],
  runs: {
    parent: "a1".padEnd(32, "0"),
    child: "b2".padEnd(32, "0"),
    deleted: "c3".padEnd(32, "0"),
    proxied: "d4".padEnd(32, "0"),
  },
  points: [
    { key: "loss", value: 1.5, timestamp: 1000, step: 0 },
    { key: "loss", value: 0.75, timestamp: 2000, step: 1 },
    { key: "loss", value: Number.NaN, timestamp: 3000, step: 2 },
    { key: "lr", value: Infinity, timestamp: 1000, step: 0 },
    { key: "lr", value: -Infinity, timestamp: 1001, step: 1 },
    { key: "lr", value: 0.001, timestamp: 1002, step: 1 },
  ] as FixturePoint[],
};

/** Fills a representative store: experiments with tags (one deleted), nested and deleted runs, NaN/±Inf, datasets, a logged model, the registry. */
export function fillMlflowDatabase(db: sqlite.Database, artifactsDir: string): void {
  for (const e of FIXTURE.experiments) {
    db.run("insert into experiments (experiment_id, name, artifact_location, lifecycle_stage, creation_time, last_update_time) values (?, ?, ?, ?, ?, ?)", [
      e.id,
      e.name,
      e.id === 0 ? path.join(artifactsDir, "0") : `mlflow-artifacts:/${e.id}`,
      e.lifecycle ?? "active",
      1_700_000_000_000 + e.id,
      1_700_000_100_000 + e.id,
    ]);
    for (const [k, v] of e.tags) db.run("insert into experiment_tags (key, value, experiment_id) values (?, ?, ?)", [k, v, e.id]);
  }
  const { parent, child, deleted, proxied } = FIXTURE.runs;
  const run = (id: string, experimentId: number, name: string, extra: { status?: string; lifecycle?: string; deletedTime?: number; artifactUri?: string } = {}) => {
    db.run(
      `insert into runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time,
        source_version, lifecycle_stage, artifact_uri, experiment_id, deleted_time) values (?, ?, 'LOCAL', '', '', 'ana', ?, ?, ?, '', ?, ?, ?, ?)`,
      [id, name, extra.status ?? "FINISHED", 1_700_000_200_000, 1_700_000_300_000, extra.lifecycle ?? "active", extra.artifactUri ?? path.join(artifactsDir, String(experimentId), id, "artifacts"), experimentId, extra.deletedTime ?? null],
    );
    db.run("insert into tags (key, value, run_uuid) values ('mlflow.runName', ?, ?)", [name, id]);
    db.run("insert into tags (key, value, run_uuid) values ('mlflow.user', 'ana', ?)", [id]);
  };
  run(parent, 7, "sweep");
  run(child, 7, "trial-1", { status: "FAILED" });
  db.run("insert into tags (key, value, run_uuid) values ('mlflow.parentRunId', ?, ?)", [parent, child]);
  run(deleted, 7, "oops", { status: "KILLED", lifecycle: "deleted", deletedTime: 1_700_000_400_000 });
  run(proxied, 0, "proxied", { artifactUri: `mlflow-artifacts:/0/${proxied}/artifacts` });
  for (const [k, v] of [["lr", "0.001"], ["optimizer", "adam"], ["layers", "50"]]) db.run("insert into params (key, value, run_uuid) values (?, ?, ?)", [k, v, parent]);
  db.run("insert into params (key, value, run_uuid) values ('seed', '1', ?)", [child]);
  for (const p of FIXTURE.points) insertPoint(db, parent, p);
  insertPoint(db, child, { key: "loss", value: 2, timestamp: 5, step: 0 });
  insertPoint(db, deleted, { key: "loss", value: 9, timestamp: 5, step: 0 });

  db.run(
    `insert into datasets (dataset_uuid, experiment_id, name, digest, dataset_source_type, dataset_source, dataset_schema, dataset_profile)
     values ('ds-1', 7, 'imagenet-mini', 'abc123', 'local', '{"uri": "/data/in"}', '{"mlflow_colspec": []}', '{"num_rows": 10}')`,
  );
  db.run("insert into inputs (input_uuid, source_type, source_id, destination_type, destination_id, step) values ('in-1', 'DATASET', 'ds-1', 'RUN', ?, 0)", [parent]);
  db.run("insert into input_tags (input_uuid, name, value) values ('in-1', 'mlflow.data.context', 'training')");
  db.run("insert into inputs (input_uuid, source_type, source_id, destination_type, destination_id, step) values ('in-2', 'DATASET', 'ds-1', 'RUN', ?, 0)", [child]);

  const modelId = "m-".padEnd(34, "e");
  db.run(
    `insert into logged_models (model_id, experiment_id, name, artifact_location, creation_timestamp_ms, last_updated_timestamp_ms, status, lifecycle_stage, model_type, source_run_id, status_message)
     values (?, 7, 'resnet', ?, 1700000500000, 1700000600000, 2, 'active', 'pytorch', ?, null)`,
    [modelId, path.join(artifactsDir, "7", "models", modelId, "artifacts"), parent],
  );
  // As MLflow links runs and models: the parent produced the model at step 3, the child used it.
  db.run("insert into inputs (input_uuid, source_type, source_id, destination_type, destination_id, step) values ('out-1', 'RUN_OUTPUT', ?, 'MODEL_OUTPUT', ?, 3)", [parent, modelId]);
  db.run("insert into inputs (input_uuid, source_type, source_id, destination_type, destination_id, step) values ('in-3', 'RUN_INPUT', ?, 'MODEL_INPUT', ?, 0)", [child, modelId]);
  db.run("insert into logged_model_params (model_id, experiment_id, param_key, param_value) values (?, 7, 'depth', '50')", [modelId]);
  db.run("insert into logged_model_tags (model_id, experiment_id, tag_key, tag_value) values (?, 7, 'stage', 'best')", [modelId]);
  db.run(
    `insert into logged_model_metrics (model_id, metric_name, metric_timestamp_ms, metric_step, metric_value, experiment_id, run_id, dataset_uuid, dataset_name, dataset_digest)
     values (?, 'accuracy', 1700000550000, 3, 0.91, 7, ?, 'ds-1', 'imagenet-mini', 'abc123')`,
    [modelId, parent],
  );

  db.run("insert into registered_models (name, creation_time, last_updated_time, description) values ('resnet-prod', 1700000700000, 1700000800000, 'the model')");
  db.run("insert into registered_model_tags (key, value, name) values ('owner', 'cv-team', 'resnet-prod')");
  for (const [version, stage, runId] of [[1, "Archived", child], [2, "Production", parent]] as const) {
    db.run(
      `insert into model_versions (name, version, creation_time, last_updated_time, description, user_id, current_stage, source, run_id, status, status_message, run_link, storage_location)
       values ('resnet-prod', ?, ?, ?, ?, 'ana', ?, ?, ?, 'READY', null, '', ?)`,
      [version, 1700000700000 + version, 1700000750000 + version, `v${version}`, stage, `runs:/${runId}/model`, runId, path.join(artifactsDir, "7", runId, "artifacts", "model")],
    );
  }
  db.run("insert into model_version_tags (key, value, name, version) values ('validated', 'yes', 'resnet-prod', 2)");
  db.run("insert into registered_model_aliases (alias, version, name) values ('champion', 2, 'resnet-prod')");

  writeFile(path.join(artifactsDir, "7", parent, "artifacts", "model", "weights.bin"), Buffer.alloc(300_000, 7));
  writeFile(path.join(artifactsDir, "7", parent, "artifacts", "notes.txt"), "hello");
  writeFile(path.join(artifactsDir, "7", "models", modelId, "artifacts", "MLmodel"), "flavors: {}\n");
}

/** What `--artifacts-from` points at: the old proxy's destination with the proxied run's files. */
export function fillProxyDestination(dir: string): void {
  writeFile(path.join(dir, "0", FIXTURE.runs.proxied, "artifacts", "plot.png"), Buffer.from([137, 80, 78, 71]));
}

function writeFile(file: string, content: string | Buffer): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}
