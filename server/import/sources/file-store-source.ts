import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import readline from "node:readline";
import { parse as parseYaml } from "yaml";
import type { ArtifactReader, KeyValue, MlflowSource, SourceExperiment, SourceLoggedModel, SourcePoint, SourceRegisteredModel, SourceRun } from "../model";
import { storeArtifactReader, type ArtifactSourceOptions } from "../store-artifacts";
import { inBatchesAsync, MODEL_STATUS, modelVersionDetails, toNumber, toText } from "./source-values";

type Meta = Record<string, unknown>;
/** The file store writes run status as RunStatus' number. */
const RUN_STATUS: Record<number, string> = { 1: "RUNNING", 2: "SCHEDULED", 3: "FINISHED", 4: "FAILED", 5: "KILLED" };

/**
 * An MLflow file store folder (`./mlruns`): `<experiment>/meta.yaml`, `<experiment>/<run>/{meta.yaml,
 * params,metrics,tags,inputs}`, deleted experiments under `.trash/`, the registry under `models/`.
 * Metric files are read line by line, never whole.
 */
export function openFileStoreSource(root: string, options: ArtifactSourceOptions): MlflowSource {
  return new FileStoreSource(root, options);
}

class FileStoreSource implements MlflowSource {
  readonly label: string;
  readonly hasUniquePoints = false;
  private readonly experimentDirs = new Map<string, string>();

  constructor(
    private readonly root: string,
    private readonly options: ArtifactSourceOptions,
  ) {
    this.label = `MLflow file store ${root}`;
  }

  async experiments(): Promise<SourceExperiment[]> {
    const found: SourceExperiment[] = [];
    for (const parent of [this.root, path.join(this.root, ".trash")]) {
      for (const name of await listDirs(parent)) {
        const dir = path.join(parent, name);
        const meta = await readMeta(path.join(dir, "meta.yaml"));
        if (!meta || meta.name === undefined) continue;
        const id = String(meta.experiment_id ?? name);
        this.experimentDirs.set(id, dir);
        found.push({
          experimentId: id,
          name: String(meta.name),
          artifactLocation: String(meta.artifact_location ?? ""),
          lifecycleStage: parent === this.root ? String(meta.lifecycle_stage ?? "active") : "deleted",
          creationTime: toNumber(meta.creation_time),
          lastUpdateTime: toNumber(meta.last_update_time),
          tags: await readKeyValues(path.join(dir, "tags")),
        });
      }
    }
    return found.sort((a, b) => Number(a.experimentId) - Number(b.experimentId) || a.experimentId.localeCompare(b.experimentId));
  }

  async *runs(experimentId: string): AsyncIterable<SourceRun> {
    const dir = this.experimentDirs.get(experimentId)!;
    for (const name of await listDirs(dir)) {
      if (name === "tags" || name === "datasets" || name === "models") continue;
      const meta = await readMeta(path.join(dir, name, "meta.yaml"));
      if (!meta || meta.run_uuid === undefined && meta.run_id === undefined) continue;
      yield this.readRun(experimentId, path.join(dir, name), meta);
    }
  }

  private async readRun(experimentId: string, dir: string, meta: Meta): Promise<SourceRun> {
    const runId = String(meta.run_id ?? meta.run_uuid);
    const tags = await readKeyValues(path.join(dir, "tags"));
    const inputs = [];
    for (const id of await listDirs(path.join(dir, "inputs"))) {
      const input = await readMeta(path.join(dir, "inputs", id, "meta.yaml"));
      if (input) inputs.push(input);
    }
    const datasetsDir = path.join(this.experimentDirs.get(experimentId)!, "datasets");
    const datasetInputs = [];
    for (const input of inputs.filter((i) => i.source_type === "DATASET")) {
      const d = await readMeta(path.join(datasetsDir, String(input.source_id), "meta.yaml"));
      if (!d) continue;
      datasetInputs.push({
        dataset: {
          datasetUuid: String(input.source_id),
          name: String(d.name),
          digest: String(d.digest),
          sourceType: String(d.source_type),
          source: String(d.source),
          schema: toText(d.schema),
          profile: toText(d.profile),
        },
        tags: Object.entries((input.tags as Record<string, unknown>) ?? {}).map(([key, value]) => ({ key, value: String(value) })),
      });
    }
    const status = meta.status;
    return {
      runId,
      experimentId,
      name: String(meta.run_name ?? tags.find((t) => t.key === "mlflow.runName")?.value ?? ""),
      userId: String(meta.user_id ?? ""),
      status: typeof status === "number" ? (RUN_STATUS[status] ?? "FINISHED") : String(status ?? "FINISHED"),
      startTime: toNumber(meta.start_time),
      endTime: toNumber(meta.end_time),
      deletedTime: toNumber(meta.deleted_time),
      lifecycleStage: String(meta.lifecycle_stage ?? "active"),
      artifactUri: String(meta.artifact_uri ?? ""),
      params: await readKeyValues(path.join(dir, "params")),
      tags,
      datasetInputs,
      modelInputs: inputs.filter((i) => i.destination_type === "MODEL_INPUT").map((i) => String(i.destination_id)),
      modelOutputs: [],
    };
  }

  private runDir(runId: string): string | undefined {
    for (const dir of this.experimentDirs.values()) {
      const candidate = path.join(dir, runId);
      if (fs.existsSync(path.join(candidate, "meta.yaml"))) return candidate;
    }
    return undefined;
  }

  /** Distinct points per key: a metric file may hold a point twice (a retried request), Metron keeps one. */
  async metricCounts(runId: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    const dir = this.runDir(runId);
    if (!dir) return counts;
    for (const { key, file } of await listFilesDeep(path.join(dir, "metrics"))) {
      const seen = new Set<string>();
      for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
        if (line.trim()) seen.add(line.trim().split(/\s+/).join(" "));
      }
      counts.set(key, seen.size);
    }
    return counts;
  }

  async *metricPoints(runId: string): AsyncIterable<SourcePoint[]> {
    const dir = this.runDir(runId);
    if (dir) yield* inBatchesAsync(readPoints(path.join(dir, "metrics")));
  }

  async *loggedModels(experimentId: string): AsyncIterable<SourceLoggedModel> {
    const modelsDir = path.join(this.experimentDirs.get(experimentId)!, "models");
    for (const id of await listDirs(modelsDir)) {
      const dir = path.join(modelsDir, id);
      const meta = await readMeta(path.join(dir, "meta.yaml"));
      if (!meta) continue;
      const metrics = [];
      for (const { key, file } of await listFilesDeep(path.join(dir, "metrics"))) {
        for (const line of (await fsp.readFile(file, "utf8")).split("\n")) {
          const [timestamp, value, step, runId, datasetName, datasetDigest] = line.trim().split(/\s+/);
          if (!timestamp) continue;
          metrics.push({ key, timestamp: Number(timestamp), value: parsePythonFloat(value), step: Number(step ?? 0), runId: String(runId ?? ""), datasetName: datasetName ?? null, datasetDigest: datasetDigest ?? null });
        }
      }
      const status = meta.status;
      yield {
        modelId: String(meta.model_id ?? id),
        experimentId,
        name: String(meta.name ?? ""),
        artifactLocation: String(meta.artifact_location ?? ""),
        creationTimestampMs: Number(meta.creation_timestamp ?? 0),
        lastUpdatedTimestampMs: Number(meta.last_updated_timestamp ?? meta.creation_timestamp ?? 0),
        status: typeof status === "number" ? status : (MODEL_STATUS[String(status)] ?? 1),
        lifecycleStage: String(meta.lifecycle_stage ?? "active"),
        modelType: toText(meta.model_type),
        sourceRunId: toText(meta.source_run_id),
        statusMessage: toText(meta.status_message),
        params: await readKeyValues(path.join(dir, "params")),
        tags: await readKeyValues(path.join(dir, "tags")),
        metrics,
      };
    }
  }

  async *registeredModels(): AsyncIterable<SourceRegisteredModel> {
    const registry = path.join(this.root, "models");
    for (const name of await listDirs(registry)) {
      const dir = path.join(registry, name);
      const meta = await readMeta(path.join(dir, "meta.yaml"));
      if (!meta) continue;
      const versions = [];
      for (const v of (await listDirs(dir)).filter((d) => /^version-\d+$/.test(d))) {
        const vm = await readMeta(path.join(dir, v, "meta.yaml"));
        if (!vm) continue;
        versions.push({
          version: Number(vm.version),
          creationTime: toNumber(vm.creation_timestamp),
          lastUpdatedTime: toNumber(vm.last_updated_timestamp),
          ...modelVersionDetails(vm),
          tags: await readKeyValues(path.join(dir, v, "tags")),
        });
      }
      yield {
        name: String(meta.name ?? name),
        creationTime: toNumber(meta.creation_timestamp),
        lastUpdatedTime: toNumber(meta.last_updated_timestamp),
        description: toText(meta.description),
        tags: await readKeyValues(path.join(dir, "tags")),
        aliases: (await readKeyValues(path.join(dir, "aliases"))).map((a) => ({ alias: a.key, version: Number(a.value) })),
        versions: versions.sort((a, b) => a.version - b.version),
      };
    }
  }

  runArtifacts(run: SourceRun): ArtifactReader {
    return storeArtifactReader(run.artifactUri, this.options);
  }

  modelArtifacts(model: SourceLoggedModel): ArtifactReader {
    return storeArtifactReader(model.artifactLocation, this.options);
  }

  async close(): Promise<void> {}
}

async function listDirs(dir: string): Promise<string[]> {
  const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isDirectory() && !e.name.startsWith(".")).map((e) => e.name).sort();
}

/** Files below `dir` with their key: the path relative to it (keys with '/' are nested folders). */
async function listFilesDeep(dir: string, prefix = ""): Promise<{ key: string; file: string }[]> {
  const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
  const out: { key: string; file: string }[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const key = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFilesDeep(path.join(dir, e.name), key)));
    else out.push({ key, file: path.join(dir, e.name) });
  }
  return out;
}

async function readKeyValues(dir: string): Promise<KeyValue[]> {
  const files = await listFilesDeep(dir);
  return Promise.all(files.map(async ({ key, file }) => ({ key, value: await fsp.readFile(file, "utf8") })));
}

async function readMeta(file: string): Promise<Meta | undefined> {
  const text = await fsp.readFile(file, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const parsed = parseYaml(text) as unknown;
  return parsed && typeof parsed === "object" ? (parsed as Meta) : undefined;
}

/** Python's str(float): nan, inf, -inf besides plain numbers. */
function parsePythonFloat(text: string | undefined): number {
  const t = (text ?? "").toLowerCase();
  if (t === "nan") return Number.NaN;
  if (t === "inf" || t === "infinity") return Number.POSITIVE_INFINITY;
  if (t === "-inf" || t === "-infinity") return Number.NEGATIVE_INFINITY;
  return Number(text);
}

/** Every point of a run's metric files (one file per key: "timestamp value step" lines). */
async function* readPoints(metricsDir: string): AsyncGenerator<SourcePoint> {
  for (const { key, file } of await listFilesDeep(metricsDir)) {
    const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
    for await (const line of lines) {
      const [timestamp, value, step] = line.trim().split(/\s+/);
      if (timestamp) yield { key, timestamp: Number(timestamp), value: parsePythonFloat(value), step: Number(step ?? 0) };
    }
  }
}
