import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startAuthTestServer, type AuthTestServer, type AuthTestUser } from "../testing/auth-server";
import { startTestServer, testDatabaseUrl, type TestServer } from "../testing/test-server";

// API tokens at every door of a real auth-on server: the requests-per-minute limit counted once per
// request whatever the door (MLflow REST, artifact proxy, CSV export, tRPC), exact at its boundary; and
// (PostgreSQL) a second server process on the same database that has cached a token's principal and a
// user's grant sees a revocation, an admin change, a grant deleted, a password change and a deletion
// made through the first at once.

const PER_MINUTE = 3;
const isPostgres = inject("driver") === "postgres";
const databaseUrl = testDatabaseUrl("authdoors");
let auth: AuthTestServer;
let experimentId: string;

const basic = (username: string, password: string) => `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;

async function call(server: TestServer, authorization: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: { authorization, ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: /^[[{]/.test(text) ? JSON.parse(text) : text };
}

/** The admin's calls go as HTTP Basic with the password: only API tokens are rate-limited. */
const asAdmin = (method: string, path: string, body?: unknown) => call(auth.server, basic("admin", auth.password), method, path, body);

beforeAll(async () => {
  auth = await startAuthTestServer(inject("driver"), databaseUrl, { METRON_QUOTA_REQUESTS_PER_MINUTE_PER_TOKEN: String(PER_MINUTE) });
  const created = await asAdmin("POST", "/api/2.0/mlflow/experiments/create", { name: "doors" });
  experimentId = created.body.experiment_id;
  for (const username of ["reader", "editor", "manager"]) {
    const granted = await asAdmin("POST", "/api/2.0/mlflow/experiments/permissions/create", { experiment_id: experimentId, username, permission: "READ" });
    expect(granted.status).toBe(200);
  }
}, 120_000);

afterAll(async () => {
  await auth?.server.stop();
});

describe("requests per minute per API token, at every door", () => {
  const DOORS: { door: string; user: AuthTestUser; method: string; path: () => string }[] = [
    { door: "MLflow REST", user: "reader", method: "POST", path: () => "/api/2.0/mlflow/experiments/search" },
    { door: "artifact proxy", user: "editor", method: "GET", path: () => `/api/2.0/mlflow-artifacts/artifacts?path=${experimentId}` },
    { door: "CSV export", user: "manager", method: "GET", path: () => `/api/ui/experiments/${experimentId}/runs.csv` },
  ];

  it.each(DOORS)("$door: exactly N requests pass, the next is 429 RESOURCE_EXHAUSTED with Retry-After", async ({ user, method, path }) => {
    const send = () => call(auth.server, `Bearer ${auth.tokens[user]}`, method, path(), method === "POST" ? {} : undefined);
    for (let i = 1; i <= PER_MINUTE; i++) expect((await send()).status, `request ${i}`).toBe(200);
    const refused = await send();
    expect(refused.status).toBe(429);
    // The bucket refills one request per 20 s: the wait is at most that, and the message names it.
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(20);
    expect(refused.body).toEqual({
      error_code: "RESOURCE_EXHAUSTED",
      message: `Rate limit exceeded: at most ${PER_MINUTE} requests per minute per API token. Retry after ${refused.retryAfter} s.`,
    });
    // A password is not an API token: not counted.
    expect((await call(auth.server, basic(user, auth.password), method, path(), method === "POST" ? {} : undefined)).status).toBe(200);
  });

  it("tRPC: exactly N requests pass (a batch is one), the next fails every call with TOO_MANY_REQUESTS and Retry-After", async () => {
    const send = (path: string) => call(auth.server, `Bearer ${auth.tokens.member}`, "GET", path);
    expect((await send("/api/trpc/account.whoAmI,account.whoAmI?batch=1&input=%7B%7D")).status).toBe(200);
    for (let i = 2; i <= PER_MINUTE; i++) expect((await send("/api/trpc/account.whoAmI")).status, `request ${i}`).toBe(200);
    const refused = await send("/api/trpc/account.whoAmI");
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(refused.body.error).toMatchObject({
      message: `Rate limit exceeded: at most ${PER_MINUTE} requests per minute per API token. Retry after ${refused.retryAfter} s.`,
      data: { code: "TOO_MANY_REQUESTS", httpStatus: 429, path: "account.whoAmI" },
    });
    const batch = await send("/api/trpc/account.whoAmI,account.whoAmI?batch=1&input=%7B%7D");
    expect([batch.status, batch.body.map((r: { error: { data: { code: string } } }) => r.error.data.code)]).toEqual([429, ["TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS"]]);
  });
});

// PGlite is one process per database: a second server cannot open it.
describe.runIf(isPostgres)("a second server process on the same database", () => {
  let second: TestServer;

  beforeAll(async () => {
    second = await startTestServer("postgres", {
      databaseUrl,
      keepDatabase: true,
      env: { METRON_AUTH: "true", METRON_ADMIN_USERNAME: "admin", METRON_ADMIN_PASSWORD: auth.password, METRON_AUTH_DEFAULT_PERMISSION: "NO_PERMISSIONS" },
    });
  }, 120_000);

  afterAll(async () => {
    await second?.stop();
  });

  const whoAmI = async (server: TestServer, authorization: string) => {
    const res = await call(server, authorization, "GET", "/api/trpc/account.whoAmI");
    return res.status === 200 ? res.body.result.data.user : { status: res.status, ...res.body };
  };

  it("refuses a revoked token on the very next request, after an admin change took effect at once", async () => {
    expect((await asAdmin("POST", "/api/2.0/mlflow/users/create", { username: "sam", password: "sam password" })).status).toBe(200);
    const signedIn = await fetch(`${auth.server.baseUrl}/api/auth/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "sam", password: "sam password" }) });
    const cookie = signedIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const session = { cookie, "x-metron-csrf": /metron_csrf=([^;]+)/.exec(cookie)![1] };
    const created = await call(auth.server, "", "POST", "/api/trpc/account.tokens.create", { name: "ci" }, session);
    const { token, id } = created.body.result.data;
    const bearer = `Bearer ${token}`;

    // Cached by the second process (the first answer stores it, the second comes from the cache).
    expect(await whoAmI(second, bearer)).toEqual({ username: "sam", isAdmin: false });
    expect(await whoAmI(second, bearer)).toEqual({ username: "sam", isAdmin: false });
    expect((await asAdmin("PATCH", "/api/2.0/mlflow/users/update-admin", { username: "sam", is_admin: true })).status).toBe(200);
    expect(await whoAmI(second, bearer)).toEqual({ username: "sam", isAdmin: true });

    expect((await call(auth.server, "", "POST", "/api/trpc/account.tokens.revoke", { id }, session)).status).toBe(200);
    const refused = { status: 401, error_code: "UNAUTHENTICATED", message: "Invalid or revoked API token" };
    expect(await whoAmI(second, bearer)).toEqual(refused);
    expect(await whoAmI(auth.server, bearer)).toEqual(refused);
  });

  it("refuses a read on the very next request once the grant is deleted, in either process, and allows it again once granted", async () => {
    const path = `/api/2.0/mlflow/experiments/get?experiment_id=${experimentId}`;
    // The reader's token on the second server (no rate limit there); their password on the first.
    const onSecond = async () => (await call(second, `Bearer ${auth.tokens.reader}`, "GET", path)).status;
    const onFirst = async () => (await call(auth.server, basic("reader", auth.password), "GET", path)).status;
    expect([await onSecond(), await onSecond(), await onFirst(), await onFirst()]).toEqual([200, 200, 200, 200]);
    const grant = { experiment_id: experimentId, username: "reader" };
    expect((await asAdmin("DELETE", "/api/2.0/mlflow/experiments/permissions/delete", grant)).status).toBe(200);
    expect([await onSecond(), await onFirst()]).toEqual([403, 403]);
    expect((await asAdmin("POST", "/api/2.0/mlflow/experiments/permissions/create", { ...grant, permission: "READ" })).status).toBe(200);
    expect([await onSecond(), await onFirst()]).toEqual([200, 200]);
  });

  it("refuses an old password and a deleted user's credentials on the very next request", async () => {
    expect((await asAdmin("POST", "/api/2.0/mlflow/users/create", { username: "kim", password: "kim password" })).status).toBe(200);
    const old = basic("kim", "kim password");
    expect(await whoAmI(second, old)).toEqual({ username: "kim", isAdmin: false });
    expect(await whoAmI(second, old)).toEqual({ username: "kim", isAdmin: false });
    expect((await asAdmin("PATCH", "/api/2.0/mlflow/users/update-password", { username: "kim", password: "kim new password" })).status).toBe(200);
    expect(await whoAmI(second, old)).toEqual({ status: 401, error_code: "UNAUTHENTICATED", message: "Incorrect username or password" });

    const current = basic("kim", "kim new password");
    expect(await whoAmI(second, current)).toEqual({ username: "kim", isAdmin: false });
    expect((await asAdmin("DELETE", "/api/2.0/mlflow/users/delete", { username: "kim" })).status).toBe(200);
    expect(await whoAmI(second, current)).toEqual({ status: 401, error_code: "UNAUTHENTICATED", message: "Incorrect username or password" });
  });
});
