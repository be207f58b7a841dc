import fs from "node:fs";
import sqlite from "node-sqlite3-wasm";
import { ImportError } from "../import-error";
import {
  fromSqlMetricValue,
  type ArtifactReader,
  type KeyValue,
  type MlflowSource,
  type SourceExperiment,
  type SourceLoggedModel,
  type SourcePoint,
  type SourceRegisteredModel,
  type SourceRun,
} from "../model";
import { storeArtifactReader, type ArtifactSourceOptions } from "../store-artifacts";
import { KNOWN_MLFLOW_REVISIONS, NEWEST_KNOWN_REVISION } from "./mlflow-schema-versions";
import { inBatches, modelVersionDetails, toNumber, toText } from "./source-values";

type Row = Record<string, sqlite.SQLiteValue>;

/**
 * An MLflow SQLite database (`sqlite:///path/mlflow.db`), read in place with a WebAssembly SQLite
 * that reads the file through the file system: memory stays bounded whatever the file's size.
 * Columns a revision lacks read as NULL, so one reader serves MLflow 1.x to 3.x.
 */
export function openSqliteSource(file: string, options: ArtifactSourceOptions & { trustSchema?: boolean }): MlflowSource {
  if (!fs.existsSync(file)) throw new ImportError(`cannot open the MLflow database: no file at ${file}`);
  removeStaleLock(file);
  const db = new sqlite.Database(file, { readOnly: true });
  try {
    return new SqliteSource(db, file, options);
  } catch (err) {
    db.close();
    throw err;
  }
}

class SqliteSource implements MlflowSource {
  readonly label: string;
  readonly hasUniquePoints = true;
  private readonly columns = new Map<string, Set<string>>();

  constructor(
    private readonly db: sqlite.Database,
    file: string,
    private readonly options: ArtifactSourceOptions & { trustSchema?: boolean },
  ) {
    const revision = this.readRevision(file);
    this.label = `MLflow SQLite database ${file} (schema ${revision})`;
  }

  private readRevision(file: string): string {
    let tables: string[];
    try {
      tables = this.db.all("select name from sqlite_master where type = 'table'").map((r) => String(r.name));
    } catch (err) {
      throw new ImportError(`${file} is not a SQLite database (${(err as Error).message})`);
    }
    if (!tables.includes("alembic_version") || !tables.includes("runs")) {
      throw new ImportError(`${file} is not an MLflow tracking database (no alembic_version or runs table)`);
    }
    const revision = String(this.db.get("select version_num from alembic_version")?.version_num ?? "none");
    if (!(KNOWN_MLFLOW_REVISIONS as readonly string[]).includes(revision) && !this.options.trustSchema) {
      throw new ImportError(
        `unknown MLflow schema version '${revision}' in ${file}: this Metron reads revisions up to ` +
          `${NEWEST_KNOWN_REVISION} (MLflow 1.x to 3.x). Pass --trust-schema to import it anyway ` +
          `(every column read is checked to exist).`,
      );
    }
    return revision;
  }

  private has(table: string, column?: string): boolean {
    if (!this.columns.has(table)) {
      const names = this.db.all(`select name from pragma_table_info(?)`, table).map((r) => String(r.name));
      this.columns.set(table, new Set(names));
    }
    const cols = this.columns.get(table)!;
    return column === undefined ? cols.size > 0 : cols.has(column);
  }

  /** `col` when the table has it, else NULL under the same name. */
  private col(table: string, column: string, alias = column): string {
    return this.has(table, column) ? `${column} as ${alias}` : `null as ${alias}`;
  }

  private all(sql: string, ...values: sqlite.JSValue[]): Row[] {
    return this.db.all(sql, values) as Row[];
  }

  private keyValues(sql: string, ...values: sqlite.JSValue[]): KeyValue[] {
    return this.all(sql, ...values).map((r) => ({ key: String(r.key), value: String(r.value ?? "") }));
  }

  async experiments(): Promise<SourceExperiment[]> {
    const rows = this.all(
      `select experiment_id, name, artifact_location, lifecycle_stage, ${this.col("experiments", "creation_time")},
        ${this.col("experiments", "last_update_time")} from experiments order by experiment_id`,
    );
    return rows.map((r) => ({
      experimentId: String(r.experiment_id),
      name: String(r.name),
      artifactLocation: String(r.artifact_location ?? ""),
      lifecycleStage: String(r.lifecycle_stage ?? "active"),
      creationTime: toNumber(r.creation_time),
      lastUpdateTime: toNumber(r.last_update_time),
      tags: this.has("experiment_tags")
        ? this.keyValues("select key, value from experiment_tags where experiment_id = ? order by key", Number(r.experiment_id))
        : [],
    }));
  }

  async *runs(experimentId: string): AsyncIterable<SourceRun> {
    const ids = this.all("select run_uuid from runs where experiment_id = ? order by start_time, run_uuid", Number(experimentId));
    for (const { run_uuid } of ids) yield this.readRun(String(run_uuid));
  }

  private readRun(runId: string): SourceRun {
    const r = this.all(
      `select run_uuid, experiment_id, ${this.col("runs", "name")}, user_id, status, start_time, end_time,
        ${this.col("runs", "deleted_time")}, lifecycle_stage, artifact_uri from runs where run_uuid = ?`,
      runId,
    )[0];
    const tags = this.keyValues("select key, value from tags where run_uuid = ? order by key", runId);
    const inputs = this.has("inputs") ? this.all("select * from inputs where destination_type = 'RUN' and destination_id = ?", runId) : [];
    // MLflow links a run to its models from the run's side: RUN_INPUT → MODEL_INPUT, RUN_OUTPUT → MODEL_OUTPUT.
    const modelLinks = (kind: string) => (this.has("inputs") ? this.all(`select * from inputs where source_type = 'RUN_${kind}' and source_id = ?`, runId) : []);
    const outputs = modelLinks("OUTPUT");
    return {
      runId,
      experimentId: String(r.experiment_id),
      name: String(r.name ?? tags.find((t) => t.key === "mlflow.runName")?.value ?? ""),
      userId: String(r.user_id ?? ""),
      status: String(r.status ?? "FINISHED"),
      startTime: toNumber(r.start_time),
      endTime: toNumber(r.end_time),
      deletedTime: toNumber(r.deleted_time),
      lifecycleStage: String(r.lifecycle_stage ?? "active"),
      artifactUri: String(r.artifact_uri ?? ""),
      params: this.keyValues("select key, value from params where run_uuid = ? order by key", runId),
      tags,
      datasetInputs: inputs
        .filter((i) => i.source_type === "DATASET")
        .flatMap((i) => {
          const d = this.all("select * from datasets where dataset_uuid = ?", String(i.source_id))[0];
          if (!d) return [];
          return [
            {
              dataset: {
                datasetUuid: String(d.dataset_uuid),
                name: String(d.name),
                digest: String(d.digest),
                sourceType: String(d.dataset_source_type),
                source: String(d.dataset_source),
                schema: toText(d.dataset_schema),
                profile: toText(d.dataset_profile),
              },
              tags: this.all("select name as key, value from input_tags where input_uuid = ? order by name", String(i.input_uuid)).map(
                (t) => ({ key: String(t.key), value: String(t.value) }),
              ),
            },
          ];
        }),
      modelInputs: modelLinks("INPUT").map((i) => String(i.destination_id)),
      modelOutputs: outputs.map((o) => ({ modelId: String(o.destination_id), step: Number(o.step ?? 0) })),
    };
  }

  async metricCounts(runId: string): Promise<Map<string, number>> {
    const rows = this.all("select key, count(*) as n from metrics where run_uuid = ? group by key", runId);
    return new Map(rows.map((r) => [String(r.key), Number(r.n)]));
  }

  async *metricPoints(runId: string): AsyncIterable<SourcePoint[]> {
    const isNan = this.has("metrics", "is_nan") ? "is_nan" : "0";
    const statement = this.db.prepare(`select key, value, timestamp, step, ${isNan} as is_nan from metrics where run_uuid = ?`);
    try {
      const rows = statement.iterate(runId) as IterableIterator<Row>;
      yield* inBatches(
        (function* () {
          for (const r of rows) {
            yield { key: String(r.key), value: fromSqlMetricValue(Number(r.value), Boolean(r.is_nan)), timestamp: Number(r.timestamp), step: Number(r.step ?? 0) };
          }
        })(),
      );
    } finally {
      statement.finalize();
    }
  }

  async *loggedModels(experimentId: string): AsyncIterable<SourceLoggedModel> {
    if (!this.has("logged_models")) return;
    const rows = this.all("select * from logged_models where experiment_id = ? order by creation_timestamp_ms, model_id", Number(experimentId));
    for (const m of rows) {
      const id = String(m.model_id);
      yield {
        modelId: id,
        experimentId: String(m.experiment_id),
        name: String(m.name),
        artifactLocation: String(m.artifact_location),
        creationTimestampMs: Number(m.creation_timestamp_ms),
        lastUpdatedTimestampMs: Number(m.last_updated_timestamp_ms),
        status: Number(m.status),
        lifecycleStage: String(m.lifecycle_stage ?? "active"),
        modelType: toText(m.model_type),
        sourceRunId: toText(m.source_run_id),
        statusMessage: toText(m.status_message),
        params: this.keyValues("select param_key as key, param_value as value from logged_model_params where model_id = ? order by param_key", id),
        tags: this.keyValues("select tag_key as key, tag_value as value from logged_model_tags where model_id = ? order by tag_key", id),
        metrics: this.all("select * from logged_model_metrics where model_id = ?", id).map((p) => ({
          key: String(p.metric_name),
          value: p.metric_value === null ? Number.NaN : fromSqlMetricValue(Number(p.metric_value), false),
          timestamp: Number(p.metric_timestamp_ms),
          step: Number(p.metric_step),
          runId: String(p.run_id),
          datasetName: toText(p.dataset_name),
          datasetDigest: toText(p.dataset_digest),
        })),
      };
    }
  }

  async *registeredModels(): AsyncIterable<SourceRegisteredModel> {
    if (!this.has("registered_models")) return;
    for (const m of this.all("select * from registered_models order by name")) {
      const name = String(m.name);
      const versions = this.all("select * from model_versions where name = ? order by version", name);
      yield {
        name,
        creationTime: toNumber(m.creation_time),
        lastUpdatedTime: toNumber(m.last_updated_time),
        description: toText(m.description),
        tags: this.has("registered_model_tags") ? this.keyValues("select key, value from registered_model_tags where name = ? order by key", name) : [],
        aliases: this.has("registered_model_aliases")
          ? this.all("select alias, version from registered_model_aliases where name = ? order by alias", name).map((a) => ({
              alias: String(a.alias),
              version: Number(a.version),
            }))
          : [],
        versions: versions.map((v) => ({
          version: Number(v.version),
          creationTime: toNumber(v.creation_time),
          lastUpdatedTime: toNumber(v.last_updated_time),
          ...modelVersionDetails(v),
          tags: this.has("model_version_tags")
            ? this.keyValues("select key, value from model_version_tags where name = ? and version = ? order by key", name, Number(v.version))
            : [],
        })),
      };
    }
  }

  runArtifacts(run: SourceRun): ArtifactReader {
    return storeArtifactReader(run.artifactUri, this.options);
  }

  modelArtifacts(model: SourceLoggedModel): ArtifactReader {
    return storeArtifactReader(model.artifactLocation, this.options);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

/**
 * The WebAssembly SQLite locks a file with a `<file>.lock` folder, which an import killed mid-read
 * leaves behind. Only such readers make it (MLflow's own SQLite locks with fcntl, unaffected), and
 * readers never conflict with readers, so a leftover one only blocks the resume: remove it.
 */
function removeStaleLock(file: string): void {
  const lock = `${file}.lock`;
  try {
    if (fs.statSync(lock).isDirectory()) fs.rmdirSync(lock);
  } catch {
    // no lock folder
  }
}


