import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { MOUNTS } from "../rest/mounts";
import { MLFLOW_ROUTES } from "../rest/mlflow/routes";
import { appRouter } from "../trpc/app-router";
import { startAuthTestServer, type AuthTestServer } from "../testing/auth-server";
import { asAdmin } from "../testing/test-cleanup.mjs";
import { testDatabaseUrl } from "../testing/test-server";
import { MOUNT_ROWS } from "./access-matrix.mount-rows";
import { MLFLOW_ROWS } from "./access-matrix.rest-rows";
import type { Call, Fixture, Need, Row } from "./access-matrix.row-shape";
import { TRPC_ROWS } from "./access-matrix.trpc-rows";
import { newSecret, secretHash } from "./secrets";
import { signShareToken, verifyShareToken } from "./share-token";

// The allow/deny matrix: every MLflow route, mount and tRPC procedure (access-matrix.*-rows.ts) called by
// every kind of caller against a real server with METRON_AUTH=true, asserting the exact status. It fails
// when a route, mount or procedure has no row. PostgreSQL runs all of it; PGlite a smoke subset.
// Share-link principals cannot be sent over HTTP yet (sharequota adds them): gate.int.test.ts covers them.

const ROWS = [...MLFLOW_ROWS, ...MOUNT_ROWS, ...TRPC_ROWS];
type Role = "anonymous" | "revoked" | "reader" | "editor" | "manager" | "member" | "stranger" | "admin" | "shareLink" | "revokedLink" | "expiredLink";
const RANK_OF_ROLE: Record<Exclude<Role, "anonymous" | "revoked" | "shareLink" | "revokedLink" | "expiredLink">, number> = { stranger: 0, reader: 1, editor: 2, member: 2, manager: 3, admin: 3 };
const RANK_OF_NEED: Partial<Record<Need, number>> = { READ: 1, EDIT: 2, MANAGE: 3 };

const isPostgres = inject("driver") === "postgres";
const databaseUrl = testDatabaseUrl("authmatrix");
let auth: AuthTestServer;
/** PostgreSQL: the server's database, for what no endpoint does yet (team grants, sessions, revoking a token). */
let direct: postgres.Sql | undefined;

/** The status `role` must get from `row`. */
/** What a link to the fixture's run may read: that run's data, metrics, artifacts and pages — nothing else. */
const SHARED_RUN_READS = new Set([
  "mlflow GET runs/get",
  "mlflow GET metrics/get-history",
  "mlflow GET metrics/get-history-bulk-interval",
  "mlflow GET artifacts/list",
  "mount getArtifact",
  "trpc charts.series",
  "trpc checkpoints.compare",
  "trpc compare.runs",
  "trpc compare.metricRanges",
  "trpc runPage.get",
  "trpc runPage.metricSummaries",
  "trpc runPage.listArtifacts",
  "trpc systemMetrics.aggregates",
]);

function expectedStatus(row: Row, role: Role): number {
  const ok = row.ok ?? 200;
  const refusedCredential = role === "revoked" || role === "revokedLink" || role === "expiredLink";
  // Public mounts never read credentials; a public procedure's door does, and a revoked one is a 401 there.
  if (row.need === "public") return refusedCredential && row.covers.includes("mount trpc") ? 401 : ok;
  if (role === "anonymous" || refusedCredential) return 401;
  if (role === "shareLink") return row.need === "READ" && SHARED_RUN_READS.has(row.covers[0]) ? ok : 403;
  if (row.tokenCallersRefused) return 403;
  if (role === "admin" || row.need === "signedIn") return ok;
  if (row.need === "admin") return 403;
  if (row.need === "self") return role === "reader" ? ok : 403;
  return RANK_OF_ROLE[role] >= RANK_OF_NEED[row.need]! ? ok : 403;
}

async function send(call: Call, role: Role, extraHeaders: Record<string, string> = {}, fx?: Fixture): Promise<Response> {
  const headers: Record<string, string> = { ...extraHeaders };
  const shareTokens: Partial<Record<Role, string | undefined>> = { shareLink: fx?.shareToken, revokedLink: fx?.revokedShareToken, expiredLink: fx?.expiredShareToken };
  if (role in shareTokens) headers["x-metron-share"] = shareTokens[role] ?? "";
  else if (role !== "anonymous" && role !== "shareLink" && role !== "revokedLink" && role !== "expiredLink") headers.authorization = `Bearer ${auth.tokens[role]}`;
  let body: string | undefined;
  if (call.body !== undefined) {
    body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
    headers["content-type"] ??= typeof call.body === "string" ? "application/octet-stream" : "application/json";
  }
  return fetch(`${auth.server.baseUrl}${call.path}`, { method: call.method, headers, body });
}

async function asAdminOk(call: Call): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await send(call, "admin");
  const text = await res.text();
  if (res.status !== 200) throw new Error(`fixture step ${call.method} ${call.path} answered ${res.status}: ${text}`);
  return text ? JSON.parse(text) : {};
}

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const API = "/api/2.0/mlflow";

/** Fresh resources with the grants every role holds: reader READ, editor EDIT, manager MANAGE, member's team EDIT. */
async function createFixture(): Promise<Fixture> {
  const post = (p: string, body: unknown) => asAdminOk({ method: "POST", path: `${API}/${p}`, body });
  const experimentName = unique("fx");
  const { experiment_id: experimentId } = await post("experiments/create", { name: experimentName });
  const { run } = await post("runs/create", { experiment_id: experimentId });
  const artifactDir = String(run.info.artifact_uri).replace(/^mlflow-artifacts:\//, "");
  const { model } = await post("logged-models", { experiment_id: experimentId });
  const modelName = unique("model");
  await post("registered-models/create", { name: modelName });
  await post("model-versions/create", { name: modelName, source: `mlflow-artifacts:/${artifactDir}/model`, run_id: run.info.run_id });
  await post("registered-models/alias", { name: modelName, alias: "champion", version: "1" });
  const username = unique("user");
  await post("users/create", { username, password: "pw" });
  for (const [user, permission] of [["reader", "READ"], ["editor", "EDIT"], ["manager", "MANAGE"]]) {
    await post("experiments/permissions/create", { experiment_id: experimentId, username: user, permission });
    await post("registered-models/permissions/create", { name: modelName, username: user, permission });
  }
  if (isPostgres) {
    await direct!`insert into experiment_permissions (experiment_id, team_id, permission) values (${Number(experimentId)}, ${auth.teamId}, 'EDIT')`;
    await direct!`insert into registered_model_permissions (name, team_id, permission) values (${modelName}, ${auth.teamId}, 'EDIT')`;
  }
  // Two links to the run (made by the admin): one live, one revoked.
  const shareRun = { kind: "run", runIds: [run.info.run_id], target: `/experiments/${experimentId}/runs/${run.info.run_id}`, expiresInHours: 1 };
  const [shared, revoked] = await Promise.all([0, 1].map(() => asAdminOk({ method: "POST", path: "/api/trpc/shares.create", body: shareRun })));
  const tokenOf = (answer: Record<string, any>) => String(answer.result.data.link.path).slice("/s/".length); // eslint-disable-line @typescript-eslint/no-explicit-any
  await asAdminOk({ method: "POST", path: "/api/trpc/shares.revoke", body: { linkId: revoked.result.data.link.id } });
  const fixture = { experimentId, experimentName, runId: run.info.run_id, loggedModelId: model.info.model_id, modelName, username, artifactDir };
  // The live link signed again with the server's own key, but with an expiry a second ago.
  const key = direct && (await direct<{ value: string }[]>`select value from server_secrets where name = 'share_link_key'`)[0]?.value;
  const linkId = verifyShareToken(key ?? "", tokenOf(shared))?.linkId;
  const expiredShareToken = key && linkId ? signShareToken(key, { linkId, expiryTime: Date.now() - 1000 }) : undefined;
  return { ...fixture, shareToken: tokenOf(shared), revokedShareToken: tokenOf(revoked), expiredShareToken };
}

async function fixtureFor(row: Row): Promise<Fixture> {
  const fx = await createFixture();
  for (const step of row.prepare?.(fx) ?? []) await asAdminOk(step);
  return fx;
}

/** Runs `rows` for `roles`; returns one line per status that differs from the expected one. */
async function runMatrix(rows: Row[], roles: Role[]): Promise<string[]> {
  const mismatches: string[] = [];
  for (const row of rows) {
    const shared = await fixtureFor(row);
    for (const role of roles) {
      const expected = expectedStatus(row, role);
      // Allowed callers of a call that changes its resources each get their own.
      const fx = row.consumes && expected === (row.ok ?? 200) ? await fixtureFor(row) : shared;
      const res = await send(row.call(fx, unique), role, {}, fx);
      const text = await res.text();
      if (res.status !== expected) mismatches.push(`${row.covers[0]} as ${role}: ${res.status} (expected ${expected}) ${text.slice(0, 160)}`);
    }
  }
  return mismatches;
}

beforeAll(async () => {
  auth = await startAuthTestServer(inject("driver"), databaseUrl);
  if (isPostgres) direct = postgres(databaseUrl, { max: 1, onnotice: () => {} });
}, 240_000);

afterAll(async () => {
  await direct?.end();
  await auth?.server.stop();
  if (auth?.pgliteDir) fs.rmSync(path.dirname(auth.pgliteDir), { recursive: true, force: true });
  if (isPostgres) await asAdmin(databaseUrl, (sql) => sql.unsafe(`drop database if exists "${new URL(databaseUrl).pathname.slice(1)}" with (force)`));
});

describe("access matrix", () => {
  it("has a row for every MLflow route, mount and tRPC procedure", () => {
    const required = [
      ...MLFLOW_ROUTES.map((r) => `mlflow ${r.methods.join(",")} ${r.path}`),
      ...Object.keys(MOUNTS).map((name) => `mount ${name}`),
      ...Object.keys(appRouter._def.procedures).map((p) => `trpc ${p}`),
    ];
    const covered = new Set(ROWS.flatMap((r) => r.covers));
    expect(required.filter((key) => !covered.has(key))).toEqual([]);
    expect([...covered].filter((key) => !required.includes(key))).toEqual([]);
  });

  it.runIf(isPostgres)("answers every caller of every endpoint with exactly the status its permission gives", { timeout: 900_000 }, async () => {
    const roles: Role[] = ["anonymous", "revoked", "reader", "editor", "manager", "member", "stranger", "admin", "shareLink", "revokedLink", "expiredLink"];
    expect(await runMatrix(ROWS, roles)).toEqual([]);
  });

  it.runIf(!isPostgres)("smoke: the same answers on PGlite for a few reads and writes", { timeout: 300_000 }, async () => {
    const smoke = ROWS.filter((r) => ["mlflow GET runs/get", "mlflow POST runs/log-batch", "mlflow DELETE registered-models/delete", "trpc runPage.get", "mount runsCsv"].includes(r.covers[0]));
    expect(smoke).toHaveLength(5);
    expect(await runMatrix(smoke, ["anonymous", "revoked", "reader", "editor", "manager", "stranger", "admin"])).toEqual([]);
  });
});

describe("the door", () => {
  it("challenges anonymous API callers for Basic credentials, as MLflow's auth app does", async () => {
    const res = await send({ method: "GET", path: `${API}/experiments/search` }, "anonymous");
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Basic realm="mlflow"');
    expect(await res.json()).toEqual({ error_code: "UNAUTHENTICATED", message: "Authentication required: send an API token (Bearer) or HTTP Basic credentials" });
  });

  it("refuses with MLflow's PERMISSION_DENIED body", async () => {
    const fx = await createFixture();
    const res = await send({ method: "GET", path: `${API}/experiments/get?experiment_id=${fx.experimentId}` }, "stranger");
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error_code: "PERMISSION_DENIED", message: `Permission denied: READ on experiment ${fx.experimentId} is required` });
  });

  it("lists only what the caller may read: experiments and registered models", async () => {
    const fx = await createFixture();
    const names = async (role: Role) => {
      const res = await send({ method: "POST", path: `${API}/experiments/search`, body: { filter: `name = '${fx.experimentName}'` } }, role);
      return ((await res.json()).experiments ?? []).map((e: { name: string }) => e.name);
    };
    expect(await names("reader")).toEqual([fx.experimentName]);
    expect(await names("stranger")).toEqual([]);
    const models = async (role: Role) => {
      const res = await send({ method: "GET", path: `${API}/registered-models/search?filter=${encodeURIComponent(`name = '${fx.modelName}'`)}` }, role);
      return ((await res.json()).registered_models ?? []).map((m: { name: string }) => m.name);
    };
    expect(await models("editor")).toEqual([fx.modelName]);
    expect(await models("stranger")).toEqual([]);
  });

  it("renders a page's reads as the caller: the page, the 403 page, the 401 page", async () => {
    const fx = await createFixture();
    const page = (role: Role) => send({ method: "GET", path: `/experiments/${fx.experimentId}/runs/${fx.runId}` }, role);
    const [asReader, asStranger, asAnonymous] = await Promise.all([page("reader"), page("stranger"), page("anonymous")]);
    expect(asReader.status).toBe(200);
    expect(asStranger.status).toBe(403);
    expect(await asStranger.text()).toContain("<title>Permission denied · Metron</title>");
    expect(asAnonymous.status).toBe(401);
    expect(await asAnonymous.text()).toContain("<title>Sign in · Metron</title>");
  });

  it("refuses a model version whose source points into a run the caller cannot read, whatever run_id says", async () => {
    const fx = await createFixture();
    const register = async (role: Role, source: string, runId?: string) => {
      const name = unique("mine");
      expect((await send({ method: "POST", path: `${API}/registered-models/create`, body: { name } }, role)).status).toBe(200);
      const res = await send({ method: "POST", path: `${API}/model-versions/create`, body: { name, source, ...(runId ? { run_id: runId } : {}) } }, role);
      return [res.status, res.status === 200 ? "created" : await res.json()];
    };
    const { experiment_id: ownExperiment } = await (await send({ method: "POST", path: `${API}/experiments/create`, body: { name: unique("own") } }, "stranger")).json();
    const { run: ownRun } = await (await send({ method: "POST", path: `${API}/runs/create`, body: { experiment_id: ownExperiment } }, "stranger")).json();
    const denied = [403, { error_code: "PERMISSION_DENIED", message: `Permission denied: READ on run ${fx.runId} is required` }];
    expect(await register("stranger", `runs:/${fx.runId}/model`)).toEqual(denied);
    expect(await register("stranger", `mlflow-artifacts:/${fx.artifactDir}/model`, ownRun.info.run_id)).toEqual(denied);
    expect(await register("stranger", `mlflow-artifacts:/${fx.artifactDir}`)).toEqual(denied);
    expect(await register("stranger", `runs:/${ownRun.info.run_id}/model`, ownRun.info.run_id)).toEqual([200, "created"]);
    expect(await register("reader", `runs:/${fx.runId}/model`)).toEqual([200, "created"]);
  });

  it("gives the creator MANAGE on what they create", async () => {
    const name = unique("own");
    const created = await send({ method: "POST", path: `${API}/experiments/create`, body: { name } }, "stranger");
    const { experiment_id } = await created.json();
    const res = await send({ method: "POST", path: `${API}/experiments/delete`, body: { experiment_id } }, "stranger");
    expect(res.status).toBe(200);
  });
});

describe.runIf(isPostgres)("sessions, tokens and the audit log", () => {
  it("refuses a session's mutation without the CSRF header, and takes it with the header", async () => {
    const fx = await createFixture();
    const session = newSecret("mss");
    const csrf = newSecret("csrf");
    await direct!`insert into sessions (secret_hash, user_id, csrf_token, creation_time, expiry_time)
      select ${secretHash(session)}, id, ${csrf}, 1, ${Date.now() + 3_600_000} from users where username = 'editor'`;
    const cookie = { cookie: `metron_session=${session}` };
    const setTag: Call = { method: "POST", path: `${API}/runs/set-tag`, body: { run_id: fx.runId, key: "k", value: "v" } };
    const viaSession = (call: Call, headers: Record<string, string>) =>
      fetch(`${auth.server.baseUrl}${call.path}`, { method: call.method, headers: { ...headers, "content-type": "application/json" }, body: call.body === undefined ? undefined : JSON.stringify(call.body) });
    expect((await viaSession(setTag, cookie)).status).toBe(403);
    expect((await viaSession(setTag, { ...cookie, "x-metron-csrf": "csrf_wrong" })).status).toBe(403);
    expect((await viaSession(setTag, { ...cookie, "x-metron-csrf": csrf })).status).toBe(200);
    expect((await viaSession({ method: "GET", path: `${API}/runs/get?run_id=${fx.runId}` }, cookie)).status).toBe(200);
    const mutation = { method: "POST", path: "/api/trpc/runPage.setTag", body: { runId: fx.runId, key: "k", value: "w" } };
    expect((await viaSession(mutation, cookie)).status).toBe(403);
    expect((await viaSession(mutation, { ...cookie, "x-metron-csrf": csrf })).status).toBe(200);
  });

  it("stops a token at once when it is revoked", async () => {
    const fx = await createFixture();
    const call: Call = { method: "GET", path: `${API}/runs/get?run_id=${fx.runId}` };
    expect((await send(call, "manager")).status).toBe(200);
    // Through the endpoint, as an admin revokes it: the server caches token principals and hears of
    // changes made through its verbs (an UPDATE behind its back counts once the cache entry expires).
    const [{ id }] = await direct!`select id from api_tokens where secret_hash = ${secretHash(auth.tokens.manager)}`;
    expect((await send({ method: "POST", path: "/api/trpc/account.tokens.revoke", body: { id } }, "admin")).status).toBe(200);
    try {
      expect((await send(call, "manager")).status).toBe(401);
    } finally {
      await direct!`update api_tokens set revoked_time = null where secret_hash = ${secretHash(auth.tokens.manager)}`;
    }
  });

  it("records permission changes in the audit log admins read", async () => {
    const fx = await createFixture();
    const res = await send({ method: "GET", path: `/api/trpc/audit.list?input=${encodeURIComponent(JSON.stringify({ maxResults: 500 }))}` }, "admin");
    const entries: { action: string; target: string; actorUsername: string; detail: Record<string, unknown> }[] = (await res.json()).result.data.entries;
    const mine = entries.filter((e) => e.target === `experiment:${fx.experimentId}`).map(({ action, actorUsername, detail }) => ({ action, actorUsername, detail }));
    expect(mine.reverse()).toEqual([
      { action: "experiment_permission.create", actorUsername: "admin", detail: { username: "reader", permission: "READ" } },
      { action: "experiment_permission.create", actorUsername: "admin", detail: { username: "editor", permission: "EDIT" } },
      { action: "experiment_permission.create", actorUsername: "admin", detail: { username: "manager", permission: "MANAGE" } },
    ]);
  });
});
