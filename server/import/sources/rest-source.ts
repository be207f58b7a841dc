import {
  fromSqlMetricValue,
  type ArtifactReader,
  type KeyValue,
  type MlflowSource,
  type SourceArtifactFile,
  type SourceExperiment,
  type SourceLoggedModel,
  type SourcePoint,
  type SourceRegisteredModel,
  type SourceRun,
} from "../model";
import { MlflowRestClient, wireNumber } from "./rest-client";
import { MODEL_STATUS, toNumber } from "./source-values";

/* eslint-disable @typescript-eslint/no-explicit-any -- MLflow's JSON, read field by field */
type Json = any;
const API = "api/2.0/mlflow";
const HISTORY_PAGE = 25_000;

/** A running MLflow tracking server (any store behind it), read through MLflow's REST API. */
export async function openRestSource(url: string, _options: unknown): Promise<MlflowSource> {
  const client = new MlflowRestClient(url);
  await client.get(`${API}/experiments/search`, { max_results: 1 });
  return new RestSource(client);
}

class RestSource implements MlflowSource {
  readonly label: string;
  readonly hasUniquePoints = false;
  /** Metric keys per run, from the run's latest metrics (the history endpoint needs the key). */
  private readonly runKeys = new Map<string, string[]>();

  constructor(private readonly client: MlflowRestClient) {
    this.label = `MLflow tracking server ${client.baseUrl}`;
  }

  private async *pages(fetchPage: (token: string | undefined) => Promise<Json>, field: string): AsyncGenerator<Json> {
    let token: string | undefined;
    do {
      const page = await fetchPage(token);
      for (const item of page[field] ?? []) yield item;
      token = page.next_page_token || undefined;
    } while (token);
  }

  async experiments(): Promise<SourceExperiment[]> {
    const out: SourceExperiment[] = [];
    const pages = this.pages((t) => this.client.get(`${API}/experiments/search`, { max_results: 1000, view_type: "ALL", page_token: t }), "experiments");
    for await (const e of pages) {
      out.push({
        experimentId: String(e.experiment_id),
        name: e.name,
        artifactLocation: e.artifact_location ?? "",
        lifecycleStage: e.lifecycle_stage ?? "active",
        creationTime: toNumber(e.creation_time),
        lastUpdateTime: toNumber(e.last_update_time),
        tags: keyValues(e.tags),
      });
    }
    return out.sort((a, b) => Number(a.experimentId) - Number(b.experimentId));
  }

  async *runs(experimentId: string): AsyncIterable<SourceRun> {
    const pages = this.pages(
      (t) => this.client.post(`${API}/runs/search`, { experiment_ids: [experimentId], run_view_type: "ALL", max_results: 1000, page_token: t }),
      "runs",
    );
    for await (const r of pages) {
      const info = r.info;
      const runId = info.run_id ?? info.run_uuid;
      this.runKeys.set(runId, [...new Set<string>((r.data?.metrics ?? []).map((m: Json) => m.key))]);
      yield {
        runId,
        experimentId: String(info.experiment_id),
        name: info.run_name ?? "",
        userId: info.user_id ?? "",
        status: info.status ?? "FINISHED",
        startTime: toNumber(info.start_time),
        endTime: toNumber(info.end_time),
        deletedTime: null,
        lifecycleStage: info.lifecycle_stage ?? "active",
        artifactUri: info.artifact_uri ?? "",
        params: keyValues(r.data?.params),
        tags: keyValues(r.data?.tags),
        datasetInputs: (r.inputs?.dataset_inputs ?? []).map((i: Json) => ({
          dataset: {
            name: i.dataset.name,
            digest: i.dataset.digest,
            sourceType: i.dataset.source_type,
            source: i.dataset.source,
            schema: i.dataset.schema ?? null,
            profile: i.dataset.profile ?? null,
          },
          tags: keyValues(i.tags),
        })),
        modelInputs: (r.inputs?.model_inputs ?? []).map((m: Json) => m.model_id),
        modelOutputs: (r.outputs?.model_outputs ?? []).map((m: Json) => ({ modelId: m.model_id, step: Number(m.step ?? 0) })),
      };
    }
  }

  async metricCounts(runId: string): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for await (const batch of this.metricPoints(runId)) for (const p of batch) counts.set(p.key, (counts.get(p.key) ?? 0) + 1);
    return counts;
  }

  async *metricPoints(runId: string): AsyncIterable<SourcePoint[]> {
    for (const key of this.runKeys.get(runId) ?? []) {
      let token: string | undefined;
      do {
        const page: Json = await this.client.get(`${API}/metrics/get-history`, { run_id: runId, metric_key: key, max_results: HISTORY_PAGE, page_token: token });
        const points: SourcePoint[] = (page.metrics ?? []).map((m: Json) => {
          const value = wireNumber(m.value);
          return {
            key,
            value: fromSqlMetricValue(value, Number.isNaN(value)),
            timestamp: Number(m.timestamp),
            step: Number(m.step ?? 0),
            modelId: m.model_id || undefined,
            datasetName: m.dataset_name || undefined,
            datasetDigest: m.dataset_digest || undefined,
          };
        });
        if (points.length > 0) yield points;
        token = page.next_page_token || undefined;
      } while (token);
    }
  }

  async *loggedModels(experimentId: string): AsyncIterable<SourceLoggedModel> {
    const pages = this.pages((t) => this.client.post(`${API}/logged-models/search`, { experiment_ids: [experimentId], max_results: 100, page_token: t }), "models");
    for await (const m of pages) {
      const info = m.info;
      yield {
        modelId: info.model_id,
        experimentId: String(info.experiment_id),
        name: info.name,
        artifactLocation: info.artifact_uri ?? "",
        creationTimestampMs: Number(info.creation_timestamp_ms),
        lastUpdatedTimestampMs: Number(info.last_updated_timestamp_ms ?? info.creation_timestamp_ms),
        status: MODEL_STATUS[info.status] ?? 1,
        lifecycleStage: "active",
        modelType: info.model_type ?? null,
        sourceRunId: info.source_run_id ?? null,
        statusMessage: info.status_message ?? null,
        params: keyValues(m.data?.params),
        tags: keyValues(info.tags),
        metrics: (m.data?.metrics ?? []).map((p: Json) => ({
          key: p.key,
          value: wireNumber(p.value),
          timestamp: Number(p.timestamp),
          step: Number(p.step ?? 0),
          runId: p.run_id ?? "",
          datasetName: p.dataset_name ?? null,
          datasetDigest: p.dataset_digest ?? null,
        })),
      };
    }
  }

  async *registeredModels(): AsyncIterable<SourceRegisteredModel> {
    const pages = this.pages((t) => this.client.get(`${API}/registered-models/search`, { max_results: 1000, page_token: t }), "registered_models");
    for await (const m of pages) {
      const versions = [];
      const filter = `name='${String(m.name).replace(/'/g, "\\'")}'`;
      const versionPages = this.pages((t) => this.client.get(`${API}/model-versions/search`, { filter, max_results: 10_000, page_token: t }), "model_versions");
      for await (const v of versionPages) {
        versions.push({
          version: Number(v.version),
          creationTime: toNumber(v.creation_timestamp),
          lastUpdatedTime: toNumber(v.last_updated_timestamp),
          description: v.description ?? null,
          userId: v.user_id ?? null,
          currentStage: v.current_stage ?? "None",
          source: v.source ?? null,
          storageLocation: v.storage_location ?? null,
          runId: v.run_id || null,
          runLink: v.run_link ?? null,
          status: v.status ?? "READY",
          statusMessage: v.status_message ?? null,
          modelId: v.model_id || null,
          tags: keyValues(v.tags),
        });
      }
      yield {
        name: m.name,
        creationTime: toNumber(m.creation_timestamp),
        lastUpdatedTime: toNumber(m.last_updated_timestamp),
        description: m.description ?? null,
        tags: keyValues(m.tags),
        aliases: (m.aliases ?? []).map((a: Json) => ({ alias: a.alias, version: Number(a.version) })),
        versions: versions.sort((a, b) => a.version - b.version),
      };
    }
  }

  runArtifacts(run: SourceRun): ArtifactReader {
    return {
      listFiles: () => this.walk((p) => this.client.get(`${API}/artifacts/list`, { run_id: run.runId, path: p }), ""),
      open: (path) => this.client.download("get-artifact", { path, run_uuid: run.runId }),
    };
  }

  modelArtifacts(model: SourceLoggedModel): ArtifactReader {
    const base = `${API}/logged-models/${encodeURIComponent(model.modelId)}/artifacts`;
    return {
      listFiles: () => this.walk((p) => this.client.get(`${base}/directories`, { artifact_directory_path: p }), ""),
      open: (path) => this.client.download(`ajax-api/2.0/mlflow/logged-models/${encodeURIComponent(model.modelId)}/artifacts/files`, { artifact_file_path: path }),
    };
  }

  private async *walk(list: (path: string | undefined) => Promise<Json>, dir: string): AsyncGenerator<SourceArtifactFile> {
    const page = await list(dir || undefined);
    for (const f of page.files ?? []) {
      // Servers answer paths relative to the root, some as bare names: make them relative to the root.
      const path: string = f.path.includes("/") || !dir ? f.path : `${dir}/${f.path}`;
      if (f.is_dir) yield* this.walk(list, path);
      else yield { path, size: Number(f.file_size ?? 0) };
    }
  }

  async close(): Promise<void> {}
}

function keyValues(list: Json): KeyValue[] {
  return (list ?? []).map((t: Json) => ({ key: t.key, value: t.value ?? "" }));
}

