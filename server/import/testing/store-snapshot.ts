import { createHash } from "node:crypto";

/* eslint-disable @typescript-eslint/no-explicit-any -- MLflow's JSON as clients see it */
type Json = any;

// Everything an MLflow client can read from a tracking server, fetched through the REST API and
// put in a stable order, so two servers (the import's source and its target) compare with toEqual.

async function call(baseUrl: string, path: string, init?: { body?: unknown; query?: Record<string, string | number> }): Promise<Json> {
  const url = new URL(`${baseUrl}/api/2.0/mlflow/${path}`);
  for (const [k, v] of Object.entries(init?.query ?? {})) url.searchParams.set(k, String(v));
  const res = await fetch(url, init?.body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(init.body) });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

const byKey = (list: Json[] | undefined) => [...(list ?? [])].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

export async function snapshotStore(baseUrl: string) {
  const { experiments } = await call(baseUrl, "experiments/search", { query: { max_results: 1000, view_type: "ALL" } });
  const out: Json = { experiments: [], runs: [], loggedModels: [], registeredModels: [] };
  for (const e of [...experiments].sort((a: Json, b: Json) => a.name.localeCompare(b.name))) {
    out.experiments.push({ ...e, tags: byKey(e.tags) });
    const { runs = [] } = await call(baseUrl, "runs/search", { body: { experiment_ids: [e.experiment_id], run_view_type: "ALL", max_results: 1000 } });
    for (const r of [...runs].sort((a: Json, b: Json) => a.info.run_id.localeCompare(b.info.run_id))) {
      const history: Record<string, Json[]> = {};
      for (const m of r.data.metrics ?? []) {
        const { metrics } = await call(baseUrl, "metrics/get-history", { query: { run_id: r.info.run_id, metric_key: m.key } });
        history[m.key] = metrics;
      }
      out.runs.push({
        info: r.info,
        params: byKey(r.data.params),
        tags: byKey(r.data.tags),
        latestMetrics: byKey(r.data.metrics),
        history,
        inputs: (r.inputs?.dataset_inputs ?? []).map((i: Json) => ({ dataset: i.dataset, tags: byKey(i.tags) })).sort((a: Json, b: Json) => a.dataset.name.localeCompare(b.dataset.name)),
        modelInputs: r.inputs?.model_inputs ?? [],
        modelOutputs: r.outputs?.model_outputs ?? [],
        artifacts: await artifactFiles(baseUrl, r.info.run_id),
      });
    }
    const { models = [] } = await call(baseUrl, "logged-models/search", { body: { experiment_ids: [e.experiment_id], max_results: 100 } });
    for (const m of models) out.loggedModels.push({ info: { ...m.info, tags: byKey(m.info.tags) }, params: byKey(m.data?.params), metrics: m.data?.metrics ?? [] });
  }
  const { registered_models = [] } = await call(baseUrl, "registered-models/search", { query: { max_results: 1000 } });
  for (const m of registered_models) {
    const { model_versions = [] } = await call(baseUrl, "model-versions/search", { query: { filter: `name='${m.name}'`, max_results: 1000 } });
    out.registeredModels.push({
      ...m,
      tags: byKey(m.tags),
      versions: [...model_versions].sort((a: Json, b: Json) => Number(a.version) - Number(b.version)).map((v: Json) => ({ ...v, tags: byKey(v.tags) })),
    });
  }
  return out;
}

/** Every artifact file of a run: path, size and the sha-256 of its bytes as downloaded. */
async function artifactFiles(baseUrl: string, runId: string, dir = ""): Promise<Json[]> {
  const { files = [] } = await call(baseUrl, "artifacts/list", { query: dir ? { run_id: runId, path: dir } : { run_id: runId } });
  const out: Json[] = [];
  for (const f of files) {
    if (f.is_dir) out.push(...(await artifactFiles(baseUrl, runId, f.path)));
    else {
      const bytes = Buffer.from(await (await fetch(`${baseUrl}/get-artifact?path=${encodeURIComponent(f.path)}&run_uuid=${runId}`)).arrayBuffer());
      out.push({ path: f.path, size: Number(f.file_size), sha256: createHash("sha256").update(bytes).digest("hex") });
    }
  }
  return out;
}
