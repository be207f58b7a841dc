import { post, tagThen, version, type Call, type Fixture, type Need, type Row } from "./access-matrix.row-shape";

// The matrix's rows for the tRPC procedures the UI calls: the input each sends and what it needs.

/** An id no user, team or token has. */
const NOBODY = 999_999;

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
