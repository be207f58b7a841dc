import { get, post, send, tagThen, version, type Need, type Row } from "./access-matrix.row-shape";

// The matrix's rows for MLflow's REST routes (both prefixes share one table): what each sends and needs.

const mlflow = (methods: string, path: string, need: Need, call: Row["call"], extra: Partial<Row> = {}): Row => ({
  covers: [`mlflow ${methods} ${path}`, "mount mlflow"],
  need,
  call,
  ...extra,
});

export const MLFLOW_ROWS: Row[] = [
  mlflow("POST", "experiments/create", "signedIn", (_, u) => post("experiments/create", { name: u("e") })),
  mlflow("GET", "experiments/get", "READ", (fx) => get("experiments/get", { experiment_id: fx.experimentId })),
  mlflow("GET", "experiments/get-by-name", "READ", (fx) => get("experiments/get-by-name", { experiment_name: fx.experimentName })),
  mlflow("POST,GET", "experiments/search", "signedIn", () => post("experiments/search", { max_results: 10 })),
  mlflow("POST", "experiments/update", "EDIT", (fx, u) => post("experiments/update", { experiment_id: fx.experimentId, new_name: u("e") })),
  mlflow("POST", "experiments/delete", "MANAGE", (fx) => post("experiments/delete", { experiment_id: fx.experimentId }), { consumes: true }),
  mlflow("POST", "experiments/restore", "MANAGE", (fx) => post("experiments/restore", { experiment_id: fx.experimentId }), {
    consumes: true,
    prepare: (fx) => [post("experiments/delete", { experiment_id: fx.experimentId })],
  }),
  mlflow("POST", "experiments/set-experiment-tag", "EDIT", (fx) => post("experiments/set-experiment-tag", { experiment_id: fx.experimentId, key: "k", value: "v" })),
  mlflow("POST", "experiments/delete-experiment-tag", "EDIT", (fx) => post("experiments/delete-experiment-tag", { experiment_id: fx.experimentId, key: "k" }), {
    consumes: true,
    prepare: tagThen("experiments/set-experiment-tag", (fx) => ({ experiment_id: fx.experimentId, key: "k", value: "v" })),
  }),
  mlflow("POST", "experiments/search-datasets", "READ", (fx) => post("experiments/search-datasets", { experiment_ids: [fx.experimentId] })),

  mlflow("POST", "runs/create", "EDIT", (fx) => post("runs/create", { experiment_id: fx.experimentId })),
  mlflow("GET", "runs/get", "READ", (fx) => get("runs/get", { run_id: fx.runId })),
  mlflow("POST", "runs/update", "EDIT", (fx) => post("runs/update", { run_id: fx.runId, status: "RUNNING" })),
  mlflow("POST", "runs/delete", "MANAGE", (fx) => post("runs/delete", { run_id: fx.runId }), { consumes: true }),
  mlflow("POST", "runs/restore", "MANAGE", (fx) => post("runs/restore", { run_id: fx.runId }), { consumes: true, prepare: (fx) => [post("runs/delete", { run_id: fx.runId })] }),
  mlflow("POST", "runs/log-metric", "EDIT", (fx) => post("runs/log-metric", { run_id: fx.runId, key: "m", value: 1, timestamp: 1, step: 0 })),
  mlflow("POST", "runs/log-parameter", "EDIT", (fx) => post("runs/log-parameter", { run_id: fx.runId, key: "p", value: "v" })),
  mlflow("POST", "runs/set-tag", "EDIT", (fx) => post("runs/set-tag", { run_id: fx.runId, key: "t", value: "v" })),
  mlflow("POST", "runs/delete-tag", "EDIT", (fx) => post("runs/delete-tag", { run_id: fx.runId, key: "t" }), {
    consumes: true,
    prepare: tagThen("runs/set-tag", (fx) => ({ run_id: fx.runId, key: "t", value: "v" })),
  }),
  mlflow("POST", "runs/log-batch", "EDIT", (fx) => post("runs/log-batch", { run_id: fx.runId, metrics: [{ key: "b", value: 1, timestamp: 1, step: 0 }] })),
  mlflow("POST", "runs/search", "READ", (fx) => post("runs/search", { experiment_ids: [fx.experimentId] })),
  mlflow("POST", "runs/log-inputs", "EDIT", (fx) => post("runs/log-inputs", { run_id: fx.runId, datasets: [] })),
  mlflow("POST", "runs/outputs", "EDIT", (fx) => post("runs/outputs", { run_id: fx.runId, models: [{ model_id: fx.loggedModelId, step: 0 }] })),
  mlflow("POST", "runs/log-model", "EDIT", (fx) => post("runs/log-model", { run_id: fx.runId, model_json: JSON.stringify({ artifact_path: "model", flavors: {}, run_id: fx.runId, utc_time_created: "2026-12-07 06:00:00.000000" }) })),
  mlflow("GET", "metrics/get-history", "READ", (fx) => get("metrics/get-history", { run_id: fx.runId, metric_key: "m" })),
  mlflow("GET", "metrics/get-history-bulk-interval", "READ", (fx) => get("metrics/get-history-bulk-interval", { run_ids: fx.runId, metric_key: "m" })),
  mlflow("GET", "artifacts/list", "READ", (fx) => get("artifacts/list", { run_id: fx.runId })),

  mlflow("POST", "registered-models/create", "signedIn", (_, u) => post("registered-models/create", { name: u("m") })),
  mlflow("GET", "registered-models/get", "READ", (fx) => get("registered-models/get", { name: fx.modelName })),
  mlflow("POST", "registered-models/rename", "EDIT", (fx, u) => post("registered-models/rename", { name: fx.modelName, new_name: u("m") }), { consumes: true }),
  mlflow("PATCH", "registered-models/update", "EDIT", (fx) => send("PATCH", "registered-models/update", { name: fx.modelName, description: "d" })),
  mlflow("DELETE", "registered-models/delete", "MANAGE", (fx) => send("DELETE", "registered-models/delete", { name: fx.modelName }), { consumes: true }),
  mlflow("GET", "registered-models/search", "signedIn", () => get("registered-models/search")),
  mlflow("POST,GET", "registered-models/get-latest-versions", "READ", (fx) => post("registered-models/get-latest-versions", { name: fx.modelName })),
  mlflow("POST", "registered-models/set-tag", "EDIT", (fx) => post("registered-models/set-tag", { name: fx.modelName, key: "k", value: "v" })),
  mlflow("DELETE", "registered-models/delete-tag", "EDIT", (fx) => send("DELETE", "registered-models/delete-tag", { name: fx.modelName, key: "k" }), {
    consumes: true,
    prepare: tagThen("registered-models/set-tag", (fx) => ({ name: fx.modelName, key: "k", value: "v" })),
  }),
  mlflow("POST", "registered-models/alias", "EDIT", (fx) => post("registered-models/alias", { name: fx.modelName, alias: "champion", version: "1" })),
  mlflow("DELETE", "registered-models/alias", "EDIT", (fx) => send("DELETE", "registered-models/alias", { name: fx.modelName, alias: "champion" }), { consumes: true }),
  mlflow("GET", "registered-models/alias", "READ", (fx) => get("registered-models/alias", { name: fx.modelName, alias: "champion" })),

  mlflow("POST", "model-versions/create", "EDIT", (fx) => post("model-versions/create", { name: fx.modelName, source: `mlflow-artifacts:/${fx.artifactDir}/model`, run_id: fx.runId })),
  mlflow("GET", "model-versions/get", "READ", (fx) => get("model-versions/get", version(fx))),
  mlflow("PATCH", "model-versions/update", "EDIT", (fx) => send("PATCH", "model-versions/update", { ...version(fx), description: "d" })),
  mlflow("DELETE", "model-versions/delete", "MANAGE", (fx) => send("DELETE", "model-versions/delete", version(fx)), { consumes: true }),
  mlflow("GET", "model-versions/search", "signedIn", () => get("model-versions/search")),
  mlflow("POST", "model-versions/transition-stage", "EDIT", (fx) => post("model-versions/transition-stage", { ...version(fx), stage: "Staging", archive_existing_versions: false })),
  mlflow("GET", "model-versions/get-download-uri", "READ", (fx) => get("model-versions/get-download-uri", version(fx))),
  mlflow("POST", "model-versions/set-tag", "EDIT", (fx) => post("model-versions/set-tag", { ...version(fx), key: "k", value: "v" })),
  mlflow("DELETE", "model-versions/delete-tag", "EDIT", (fx) => send("DELETE", "model-versions/delete-tag", { ...version(fx), key: "k" }), {
    consumes: true,
    prepare: tagThen("model-versions/set-tag", (fx) => ({ ...version(fx), key: "k", value: "v" })),
  }),

  mlflow("POST", "users/create", "admin", (_, u) => post("users/create", { username: u("u"), password: "pw" })),
  mlflow("GET", "users/get", "self", () => get("users/get", { username: "reader" })),
  mlflow("PATCH", "users/update-password", "self", () => send("PATCH", "users/update-password", { username: "reader", password: "correct horse battery" })),
  mlflow("PATCH", "users/update-admin", "admin", () => send("PATCH", "users/update-admin", { username: "target", is_admin: false })),
  mlflow("DELETE", "users/delete", "admin", (fx) => send("DELETE", "users/delete", { username: fx.username }), { consumes: true }),
  mlflow("POST", "experiments/permissions/create", "MANAGE", (fx) => post("experiments/permissions/create", { experiment_id: fx.experimentId, username: "target", permission: "READ" }), { consumes: true }),
  mlflow("GET", "experiments/permissions/get", "MANAGE", (fx) => get("experiments/permissions/get", { experiment_id: fx.experimentId, username: "reader" })),
  mlflow("PATCH", "experiments/permissions/update", "MANAGE", (fx) => send("PATCH", "experiments/permissions/update", { experiment_id: fx.experimentId, username: "reader", permission: "READ" })),
  mlflow("DELETE", "experiments/permissions/delete", "MANAGE", (fx) => send("DELETE", "experiments/permissions/delete", { experiment_id: fx.experimentId, username: "target" }), {
    consumes: true,
    prepare: (fx) => [post("experiments/permissions/create", { experiment_id: fx.experimentId, username: "target", permission: "READ" })],
  }),
  mlflow("POST", "registered-models/permissions/create", "MANAGE", (fx) => post("registered-models/permissions/create", { name: fx.modelName, username: "target", permission: "READ" }), { consumes: true }),
  mlflow("GET", "registered-models/permissions/get", "MANAGE", (fx) => get("registered-models/permissions/get", { name: fx.modelName, username: "reader" })),
  mlflow("PATCH", "registered-models/permissions/update", "MANAGE", (fx) => send("PATCH", "registered-models/permissions/update", { name: fx.modelName, username: "reader", permission: "READ" })),
  mlflow("DELETE", "registered-models/permissions/delete", "MANAGE", (fx) => send("DELETE", "registered-models/permissions/delete", { name: fx.modelName, username: "target" }), {
    consumes: true,
    prepare: (fx) => [post("registered-models/permissions/create", { name: fx.modelName, username: "target", permission: "READ" })],
  }),

  mlflow("POST", "logged-models", "EDIT", (fx) => post("logged-models", { experiment_id: fx.experimentId })),
  mlflow("POST", "logged-models/search", "READ", (fx) => post("logged-models/search", { experiment_ids: [fx.experimentId] })),
  mlflow("GET", "logged-models/:modelId", "READ", (fx) => get(`logged-models/${fx.loggedModelId}`)),
  mlflow("PATCH", "logged-models/:modelId", "EDIT", (fx) => send("PATCH", `logged-models/${fx.loggedModelId}`, { status: "LOGGED_MODEL_READY" })),
  mlflow("DELETE", "logged-models/:modelId", "MANAGE", (fx) => send("DELETE", `logged-models/${fx.loggedModelId}`, {}), { consumes: true }),
  mlflow("PATCH", "logged-models/:modelId/tags", "EDIT", (fx) => send("PATCH", `logged-models/${fx.loggedModelId}/tags`, { tags: [{ key: "k", value: "v" }] })),
  mlflow("DELETE", "logged-models/:modelId/tags/:tagKey*", "EDIT", (fx) => send("DELETE", `logged-models/${fx.loggedModelId}/tags/k`, {}), {
    consumes: true,
    prepare: (fx) => [send("PATCH", `logged-models/${fx.loggedModelId}/tags`, { tags: [{ key: "k", value: "v" }] })],
  }),
  mlflow("POST", "logged-models/:modelId/params", "EDIT", (fx) => post(`logged-models/${fx.loggedModelId}/params`, { params: [{ key: "p", value: "v" }] })),
  mlflow("GET", "logged-models/:modelId/artifacts/directories", "READ", (fx) => get(`logged-models/${fx.loggedModelId}/artifacts/directories`)),
  mlflow("GET", "logged-models/:modelId/artifacts/files", "READ", (fx) => get(`logged-models/${fx.loggedModelId}/artifacts/files`, { artifact_file_path: "missing.txt" }), { ok: 404 }),
];
