import { randomUUID } from "node:crypto";
// The allow/deny matrix's table (access-matrix.int.test.ts runs it): one row per MLflow route, mount and
// tRPC procedure — what it sends, what it needs, and the status an allowed caller gets.

/** The resources of one row: an experiment with a run, a logged model, a registered model with version 1. */
export interface Fixture {
  experimentId: string;
  experimentName: string;
  runId: string;
  loggedModelId: string;
  modelName: string;
  /** A user made for this fixture (users/delete). */
  username: string;
  /** The run's artifact folder below the proxy: `<experiment>/<run>/artifacts`. */
  artifactDir: string;
  /** Share-link tokens naming the run: a live one and a revoked one. */
  shareToken?: string;
  revokedShareToken?: string;
  /** The live link re-signed with an expiry in the past (PostgreSQL only: the test reads the signing key). */
  expiredShareToken?: string;
}

/** What a row needs: a permission on the fixture's experiment or model, or a kind of caller. */
export type Need = "public" | "signedIn" | "admin" | "self" | "READ" | "EDIT" | "MANAGE";

export interface Call {
  method: string;
  /** Path below the server root, with query. */
  path: string;
  body?: unknown;
}

/** How a row prepares its fixture (as admin) before the call, e.g. a tag for delete-tag to remove. */
export type Prepare = Call[];

export interface Row {
  /** What the row covers: `mlflow <METHODS> <path>`, `mount <name>`, `trpc <procedure>`. */
  covers: string[];
  need: Need;
  call: (fx: Fixture, unique: (prefix: string) => string) => Call;
  /** The status an allowed caller gets. */
  ok?: number;
  /** Signed-in callers get 403 when they come with an API token (every matrix role does): minting tokens. */
  tokenCallersRefused?: boolean;
  /** The call changes or removes the fixture: each allowed caller gets a fresh one. */
  consumes?: boolean;
  prepare?: (fx: Fixture) => Prepare;
}

const API = "/api/2.0/mlflow";
const qs = (fields: Record<string, string | string[]>) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const each of [v].flat()) params.append(k, each);
  return params.toString();
};
const get = (path: string, fields: Record<string, string | string[]> = {}): Call => ({ method: "GET", path: `${API}/${path}?${qs(fields)}` });
const send = (method: string, path: string, body: unknown): Call => ({ method, path: `${API}/${path}`, body });
const post = (path: string, body: unknown) => send("POST", path, body);

const mlflow = (methods: string, path: string, need: Need, call: Row["call"], extra: Partial<Row> = {}): Row => ({
  covers: [`mlflow ${methods} ${path}`, "mount mlflow"],
  need,
  call,
  ...extra,
});

const trpcCall = (kind: "query" | "mutation", procedure: string, input: unknown): Call =>
  kind === "query"
    ? { method: "GET", path: `/api/trpc/${procedure}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(input))}`}` }
    : { method: "POST", path: `/api/trpc/${procedure}`, body: input };
const trpc = (kind: "query" | "mutation", procedure: string, need: Need, input: (fx: Fixture, unique: (p: string) => string) => unknown, extra: Partial<Row> = {}): Row => ({
  covers: [`trpc ${procedure}`, "mount trpc"],
  need,
  call: (fx, unique) => trpcCall(kind, procedure, input(fx, unique)),
  ...extra,
});

const version = (fx: Fixture) => ({ name: fx.modelName, version: "1" });
const tagThen = (path: string, body: (fx: Fixture) => unknown) => (fx: Fixture) => [post(path, body(fx))];

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

const proxy = (path: string) => `/api/2.0/mlflow-artifacts/artifacts/${path}`;
const putFile = (fx: Fixture): Call => ({ method: "PUT", path: proxy(`${fx.artifactDir}/f.txt`), body: "bytes" });

export const MOUNT_ROWS: Row[] = [
  { covers: ["mount getArtifact"], need: "READ", call: (fx) => ({ method: "GET", path: `/get-artifact?${qs({ run_uuid: fx.runId, path: "f.txt" })}` }), prepare: (fx) => [putFile(fx)] },
  { covers: ["mount modelVersionArtifact"], need: "READ", call: (fx) => ({ method: "GET", path: `/model-versions/get-artifact?${qs({ ...version(fx), path: "missing.txt" })}` }), ok: 404 },
  { covers: ["mount runsCsv"], need: "READ", call: (fx) => ({ method: "GET", path: `/api/ui/experiments/${fx.experimentId}/runs.csv` }) },
  { covers: ["mount artifactProxy"], need: "READ", call: (fx) => ({ method: "GET", path: proxy(`${fx.artifactDir}/f.txt`) }), prepare: (fx) => [putFile(fx)] },
  { covers: ["mount artifactProxy"], need: "READ", call: (fx) => ({ method: "GET", path: `${proxy("")}?${qs({ path: fx.artifactDir })}` }) },
  { covers: ["mount artifactProxy"], need: "EDIT", call: (fx) => putFile(fx) },
  { covers: ["mount artifactProxy"], need: "EDIT", call: (fx) => ({ method: "DELETE", path: proxy(`${fx.artifactDir}/f.txt`) }), consumes: true, prepare: (fx) => [putFile(fx)] },
  { covers: ["mount artifactProxy"], need: "admin", call: () => ({ method: "GET", path: proxy("") }) },
  { covers: ["mount health"], need: "public", call: () => ({ method: "GET", path: "/health" }) },
  { covers: ["mount version"], need: "public", call: () => ({ method: "GET", path: "/version" }) },
  { covers: ["mount ready"], need: "public", call: () => ({ method: "GET", path: "/ready" }) },
  { covers: ["mount metrics"], need: "admin", call: () => ({ method: "GET", path: "/metrics" }) },
  { covers: ["mount unknownEndpoint"], need: "public", call: () => ({ method: "GET", path: "/api/2.0/nothing-here" }), ok: 404 },
  // Public: a failed sign-in and a forged share link answer 401 whoever asks (a name per call: the
  // sign-in limiter would refuse the eleventh failure for one name with 429).
  { covers: ["mount session"], need: "public", call: () => ({ method: "POST", path: "/api/auth/sign-in", body: { username: `nobody-${randomUUID()}`, password: "wrong" } }), ok: 401 },
  { covers: ["mount shareLink"], need: "public", call: () => ({ method: "GET", path: "/s/forged.token" }), ok: 401 },
];

const runs = (fx: Fixture) => ({ runIds: [fx.runId] });
const experiment = (fx: Fixture) => ({ experimentId: fx.experimentId });
const experiments = (fx: Fixture) => ({ experimentIds: [fx.experimentId] });
const model = (fx: Fixture) => ({ name: fx.modelName });

export const TRPC_ROWS: Row[] = [
  trpc("query", "charts.series", "READ", (fx) => ({ series: [{ runId: fx.runId, key: "m" }], x: "step", buckets: 10 })),
  trpc("query", "checkpoints.compare", "READ", runs),
  trpc("mutation", "checkpoints.register", "READ", (fx, u) => ({ modelId: fx.loggedModelId, name: u("m") })),
  trpc("query", "compare.runs", "READ", runs),
  trpc("query", "compare.metricRanges", "READ", (fx) => ({ ...runs(fx), keys: ["m"] })),
  trpc("query", "dashboard.get", "READ", experiment),
  trpc("query", "dashboard.get", "signedIn", () => ({})),
  trpc("query", "experimentList.search", "signedIn", () => ({})),
  trpc("query", "experimentList.get", "READ", experiment),
  trpc("query", "experimentList.runCounts", "READ", experiments),
  trpc("mutation", "experimentList.create", "signedIn", (_, u) => ({ name: u("e") })),
  trpc("mutation", "experimentList.rename", "EDIT", (fx, u) => ({ ...experiment(fx), newName: u("e") })),
  trpc("mutation", "experimentList.delete", "MANAGE", experiment, { consumes: true }),
  trpc("mutation", "experimentList.restore", "MANAGE", experiment, { consumes: true, prepare: (fx) => [post("experiments/delete", { experiment_id: fx.experimentId })] }),
  trpc("mutation", "experimentList.setTag", "EDIT", (fx) => ({ ...experiment(fx), key: "k", value: "v" })),
  trpc("mutation", "experimentList.deleteTag", "EDIT", (fx) => ({ ...experiment(fx), key: "k" }), {
    consumes: true,
    prepare: tagThen("experiments/set-experiment-tag", (fx) => ({ experiment_id: fx.experimentId, key: "k", value: "v" })),
  }),
  trpc("query", "loggedModels.search", "READ", experiments),
  trpc("query", "loggedModels.get", "READ", (fx) => ({ modelId: fx.loggedModelId })),
  trpc("query", "loggedModels.listArtifacts", "READ", (fx) => ({ modelId: fx.loggedModelId })),
  trpc("query", "loggedModels.searchDatasets", "READ", experiments),
  trpc("query", "registry.searchModels", "signedIn", () => ({})),
  trpc("query", "registry.getModel", "READ", model),
  trpc("query", "registry.searchVersions", "signedIn", () => ({})),
  trpc("mutation", "registry.updateModel", "EDIT", (fx) => ({ ...model(fx), description: "d" })),
  trpc("mutation", "registry.setModelTag", "EDIT", (fx) => ({ ...model(fx), key: "k", value: "v" })),
  trpc("mutation", "registry.deleteModelTag", "EDIT", (fx) => ({ ...model(fx), key: "k" }), {
    consumes: true,
    prepare: tagThen("registered-models/set-tag", (fx) => ({ name: fx.modelName, key: "k", value: "v" })),
  }),
  trpc("mutation", "registry.setAlias", "EDIT", (fx) => ({ ...version(fx), alias: "champion" })),
  trpc("mutation", "registry.deleteAlias", "EDIT", (fx) => ({ ...model(fx), alias: "champion" }), { consumes: true }),
  trpc("mutation", "registry.transitionStage", "EDIT", (fx) => ({ ...version(fx), stage: "Staging" })),
  trpc("mutation", "registry.updateVersion", "EDIT", (fx) => ({ ...version(fx), description: "d" })),
  trpc("mutation", "registry.setVersionTag", "EDIT", (fx) => ({ ...version(fx), key: "k", value: "v" })),
  trpc("mutation", "registry.deleteVersionTag", "EDIT", (fx) => ({ ...version(fx), key: "k" }), {
    consumes: true,
    prepare: tagThen("model-versions/set-tag", (fx) => ({ ...version(fx), key: "k", value: "v" })),
  }),
  trpc("mutation", "registry.register", "EDIT", (fx) => ({ ...model(fx), source: `mlflow-artifacts:/${fx.artifactDir}/model`, runId: fx.runId })),
  trpc("query", "runPage.get", "READ", (fx) => ({ runId: fx.runId })),
  trpc("query", "runPage.metricSummaries", "READ", (fx) => ({ runId: fx.runId })),
  trpc("mutation", "runPage.setTag", "EDIT", (fx) => ({ runId: fx.runId, key: "t", value: "v" })),
  trpc("mutation", "runPage.deleteTag", "EDIT", (fx) => ({ runId: fx.runId, key: "t" }), {
    consumes: true,
    prepare: tagThen("runs/set-tag", (fx) => ({ run_id: fx.runId, key: "t", value: "v" })),
  }),
  trpc("query", "runPage.listArtifacts", "READ", (fx) => ({ runId: fx.runId })),
  trpc("query", "runsTable.experiment", "READ", experiment),
  trpc("query", "runsTable.page", "READ", experiments),
  trpc("query", "runsTable.keys", "READ", experiments),
  trpc("query", "runsTable.keyValues", "READ", (fx) => ({ ...experiments(fx), kind: "params", key: "p" })),
  trpc("mutation", "runsTable.update", "EDIT", (fx) => ({ ...runs(fx), action: { type: "setTag", tag: { key: "t", value: "v" } } })),
  trpc("mutation", "runsTable.update", "MANAGE", (fx) => ({ ...runs(fx), action: { type: "delete" } }), { consumes: true }),
  trpc("query", "runs.search", "READ", experiments),
  trpc("query", "systemMetrics.aggregates", "READ", runs),
  trpc("query", "audit.list", "admin", () => ({})),
  trpc("query", "account.whoAmI", "public", () => undefined),
  trpc("query", "account.tokens.list", "signedIn", () => undefined),
  trpc("mutation", "account.tokens.create", "signedIn", (_, u) => ({ name: u("tok") }), { tokenCallersRefused: true }),
  trpc("mutation", "account.tokens.revoke", "signedIn", () => ({ id: NOBODY }), { ok: 404 }),
  trpc("query", "admin.users.list", "admin", () => undefined),
  trpc("mutation", "admin.users.create", "admin", (_, u) => ({ username: u("u"), password: "long-enough-1" })),
  trpc("mutation", "admin.users.resetPassword", "admin", () => ({ userId: NOBODY, password: "long-enough-1" }), { ok: 404 }),
  trpc("mutation", "admin.users.setAdmin", "admin", () => ({ userId: NOBODY, isAdmin: false }), { ok: 404 }),
  trpc("mutation", "admin.users.delete", "admin", () => ({ userId: NOBODY }), { ok: 404 }),
  trpc("query", "admin.teams.list", "admin", () => undefined),
  trpc("mutation", "admin.teams.create", "admin", (_, u) => ({ name: u("team") })),
  trpc("mutation", "admin.teams.delete", "admin", () => ({ teamId: NOBODY }), { ok: 404 }),
  trpc("mutation", "admin.teams.addMember", "admin", (fx) => ({ teamId: NOBODY, username: fx.username }), { ok: 404 }),
  trpc("mutation", "admin.teams.removeMember", "admin", () => ({ teamId: NOBODY, userId: NOBODY }), { ok: 404 }),
  trpc("query", "shares.canShare", "public", () => ({})),
  trpc("mutation", "shares.create", "READ", (fx) => ({ kind: "run", runIds: [fx.runId], target: `/experiments/${fx.experimentId}/runs/${fx.runId}`, expiresInHours: 1 })),
  trpc("query", "shares.list", "signedIn", () => ({})),
  trpc("mutation", "shares.revoke", "signedIn", () => ({ linkId: "no-such-link" }), { ok: 404 }),
  trpc("query", "quotas.usage", "admin", () => ({})),
  trpc("mutation", "quotas.setExperiment", "admin", (fx) => ({
    experimentId: fx.experimentId,
    maxRuns: null,
    maxParamsPerRun: null,
    maxTagsPerRun: null,
    maxMetricStepsPerRun: null,
    maxArtifactBytes: null,
  })),
];

/** An id no user, team or token has. */
const NOBODY = 999_999;
