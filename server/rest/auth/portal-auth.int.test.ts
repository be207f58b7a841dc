import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { spawnMetronServer, startTestServer, testDatabaseUrl, type TestServer } from "../../testing/test-server";

// A server of its own with --auth (the shared test servers run without): sign-in and its cookies, the
// rate limit, API tokens as Bearer and Basic credentials, revocation at once, and the start-up checks.

const ADMIN = { username: "admin", password: "admin password 1" };
let server: TestServer;
let base = "";

beforeAll(async () => {
  const driver = inject("driver");
  server = await startTestServer(driver, {
    databaseUrl: driver === "postgres" ? testDatabaseUrl("auth_server") : undefined,
    env: { METRON_ADMIN_USERNAME: ADMIN.username, METRON_ADMIN_PASSWORD: ADMIN.password },
    args: ["--auth"],
  });
  base = server.baseUrl;
}, 120_000);

afterAll(() => server?.stop());

const signIn = (username: string, password: string) =>
  fetch(`${base}/api/auth/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password }) });

/** The `name=value` pairs a browser would send back, from a reply's Set-Cookie headers. */
const cookieHeader = (res: Response) => res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");

async function trpc(path: string, credentials: Record<string, string>, input?: unknown, method: "GET" | "POST" = "GET") {
  const query = method === "GET" && input !== undefined ? `?input=${encodeURIComponent(JSON.stringify(input))}` : "";
  const res = await fetch(`${base}/api/trpc/${path}${query}`, {
    method,
    headers: { ...credentials, "content-type": "application/json" },
    body: method === "POST" ? JSON.stringify(input) : undefined,
  });
  const body = await res.json();
  // Bad credentials are refused at the door, before tRPC, in MLflow's error shape.
  const error = body.error ? { code: body.error.data.code, message: body.error.message } : body.error_code ? { code: body.error_code, message: body.message } : undefined;
  return { status: res.status, data: body.result?.data, error };
}

const basic = (username: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}` });

async function adminSession(): Promise<Record<string, string>> {
  const res = await signIn(ADMIN.username, ADMIN.password);
  expect(res.status).toBe(200);
  const cookie = cookieHeader(res);
  // A browser session's changes carry the CSRF cookie's value in a header (the gate's double-submit check).
  return { cookie, "x-metron-csrf": /metron_csrf=([^;]+)/.exec(cookie)![1] };
}

describe("sign-in and sign-out", () => {
  it("answers a wrong password with 401 and sets no cookie", async () => {
    const res = await signIn(ADMIN.username, "wrong");
    expect([res.status, await res.json(), res.headers.getSetCookie()]).toEqual([401, { error_code: "UNAUTHENTICATED", message: "Incorrect username or password." }, []]);
    const unknown = await signIn("nobody", "wrong");
    expect(unknown.status).toBe(401);
  });

  it("opens a session in an HttpOnly cookie with a script-readable CSRF twin; sign-out, with the twin echoed, clears both", async () => {
    const res = await signIn(ADMIN.username, ADMIN.password);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: { username: "admin", is_admin: true } });
    const [session, csrf] = res.headers.getSetCookie();
    expect(session).toMatch(/^metron_session=mss_[\w-]{43}; HttpOnly; Path=\/; SameSite=Lax; Max-Age=1209600$/);
    expect(csrf).toMatch(/^metron_csrf=csrf_[\w-]{43}; Path=\/; SameSite=Lax; Max-Age=1209600$/);
    expect(await trpc("account.whoAmI", { cookie: cookieHeader(res) })).toEqual({
      status: 200,
      data: { authEnabled: true, user: { username: "admin", isAdmin: true } },
      error: undefined,
    });
    expect((await trpc("account.whoAmI", {})).data).toEqual({ authEnabled: true, user: null });
    // Signing in again from the same browser replaces its session.
    const again = await fetch(`${base}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: cookieHeader(res) },
      body: JSON.stringify(ADMIN),
    });
    expect((await trpc("account.whoAmI", { cookie: cookieHeader(res) })).data.user).toBeNull();
    const cookie = cookieHeader(again);
    expect((await trpc("account.whoAmI", { cookie })).data.user).toEqual({ username: "admin", isAdmin: true });

    const forged = await fetch(`${base}/api/auth/sign-out`, { method: "POST", headers: { cookie } });
    expect([forged.status, await forged.json()]).toEqual([
      403,
      { error_code: "PERMISSION_DENIED", message: "Sign-out needs the x-metron-csrf header (the metron_csrf cookie's value)." },
    ]);
    expect((await trpc("account.whoAmI", { cookie })).data.user).toEqual({ username: "admin", isAdmin: true });
    const csrfToken = /metron_csrf=([^;]+)/.exec(cookie)![1];
    const out = await fetch(`${base}/api/auth/sign-out`, { method: "POST", headers: { cookie, "x-metron-csrf": csrfToken } });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie()).toEqual(["metron_session=; HttpOnly; Path=/; SameSite=Lax; Max-Age=0", "metron_csrf=; Path=/; SameSite=Lax; Max-Age=0"]);
    expect((await trpc("account.whoAmI", { cookie })).data).toEqual({ authEnabled: true, user: null });
  });

  it("takes a session cookie whose %-escape does not decode for no session (it was a 500): sign-out ends nothing, the API answers 401", async () => {
    const cookie = "metron_session=%ff%zz; metron_csrf=x";
    const out = await fetch(`${base}/api/auth/sign-out`, { method: "POST", headers: { cookie, "x-metron-csrf": "x" } });
    expect([out.status, await out.json()]).toEqual([200, {}]);
    const search = await fetch(`${base}/api/2.0/mlflow/experiments/search?max_results=1`, { headers: { cookie } });
    expect([search.status, await search.json()]).toEqual([
      401,
      { error_code: "UNAUTHENTICATED", message: "Authentication required: send an API token (Bearer) or HTTP Basic credentials" },
    ]);
  });

  it("marks the cookies Secure behind an https proxy, and refuses a large body or one a form could send", async () => {
    const res = await fetch(`${base}/api/auth/sign-in`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-proto": "https" },
      body: JSON.stringify(ADMIN),
    });
    expect(res.headers.getSetCookie().map((c) => c.endsWith("; Secure"))).toEqual([true, true]);
    const bigBody = JSON.stringify({ ...ADMIN, pad: "x".repeat(20_000) });
    const big = await fetch(`${base}/api/auth/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: bigBody });
    const bigMessage = `Request body of ${bigBody.length} bytes exceeds the limit of 16384 bytes for this endpoint.`;
    expect([big.status, await big.json()]).toEqual([413, { error_code: "INVALID_PARAMETER_VALUE", message: bigMessage }]);
    // A cross-site form can send text/plain shaped as JSON: refused, so nobody is signed in as someone else.
    const formPost = await fetch(`${base}/api/auth/sign-in`, { method: "POST", headers: { "content-type": "text/plain" }, body: JSON.stringify(ADMIN) });
    expect([formPost.status, await formPost.json(), formPost.headers.getSetCookie()]).toEqual([
      400,
      { error_code: "INVALID_PARAMETER_VALUE", message: "Send the sign-in as Content-Type: application/json." },
      [],
    ]);
    expect((await fetch(`${base}/api/auth/sign-in`, { method: "GET" })).status).toBe(405);
  });

  it("allows exactly 10 failures per name and address in 5 minutes, then 429 with Retry-After even for the right password", async () => {
    const session = await adminSession();
    const created = await trpc("admin.users.create", session, { username: "rita", password: "rita password" }, "POST");
    expect(created.status).toBe(200);
    const firstFailure = Date.now();
    for (let i = 1; i <= 10; i++) expect((await signIn("rita", `guess ${i}`)).status, `attempt ${i}`).toBe(401);
    const refused = await signIn("rita", "rita password");
    const elapsedSeconds = (Date.now() - firstFailure) / 1000;
    expect(refused.status).toBe(429);
    // Retry-After: the seconds until the first failure leaves the 5-minute window.
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(Math.floor(300 - elapsedSeconds));
    expect(retryAfter).toBeLessThanOrEqual(300);
    expect(await refused.json()).toEqual({ error_code: "RESOURCE_EXHAUSTED", message: `Too many failed sign-in attempts; try again in ${retryAfter} seconds.` });
    expect((await signIn(ADMIN.username, ADMIN.password)).status).toBe(200); // another name from the same address
  });
});

describe("API tokens", () => {
  it("authenticate as Bearer and as a Basic password, and stop working the moment they are revoked", async () => {
    const session = await adminSession();
    const created = await trpc("account.tokens.create", session, { name: "ci" }, "POST");
    const { token, id } = created.data;
    const whoViaBearer = () => trpc("account.whoAmI", { authorization: `Bearer ${token}` });
    expect((await whoViaBearer()).data.user).toEqual({ username: "admin", isAdmin: true });
    // "Last used" is written after the answer (at most once a minute per process): wait for it.
    let listed: { lastUsedTime: number | null }[] = [];
    for (let i = 0; i < 50 && !listed[0]?.lastUsedTime; i++) listed = (await trpc("account.tokens.list", session)).data;
    expect(listed[0].lastUsedTime).toBeGreaterThan(0);
    expect((await trpc("account.whoAmI", basic("admin", token))).data.user).toEqual({ username: "admin", isAdmin: true });
    expect((await trpc("account.tokens.list", session)).data.map((t: { name: string; displayPrefix: string }) => [t.name, t.displayPrefix])).toEqual([["ci", token.slice(0, 12)]]);
    expect(await trpc("account.tokens.create", { authorization: `Bearer ${token}` }, { name: "more" }, "POST")).toEqual({
      status: 403,
      data: undefined,
      error: { code: "FORBIDDEN", message: "API tokens cannot create tokens; sign in with a password." },
    });

    expect((await trpc("account.tokens.revoke", session, { id }, "POST")).status).toBe(200);
    expect(await whoViaBearer()).toEqual({ status: 401, data: undefined, error: { code: "UNAUTHENTICATED", message: "Invalid or revoked API token" } });
    expect((await trpc("account.whoAmI", basic("admin", token))).status).toBe(401);
  });

  it("accept a Basic password, and refuse it once an admin reset it", async () => {
    const session = await adminSession();
    await trpc("admin.users.create", session, { username: "sam", password: "sam password" }, "POST");
    expect((await trpc("account.whoAmI", basic("sam", "sam password"))).data.user).toEqual({ username: "sam", isAdmin: false });
    expect((await trpc("account.whoAmI", basic("sam", "sam password"))).data.user).toEqual({ username: "sam", isAdmin: false }); // cached
    const sam = (await trpc("admin.users.list", session)).data.find((u: { username: string }) => u.username === "sam");
    await trpc("admin.users.resetPassword", session, { userId: sam.id, password: "sam new password" }, "POST");
    expect(await trpc("account.whoAmI", basic("sam", "sam password"))).toEqual({ status: 401, data: undefined, error: { code: "UNAUTHENTICATED", message: "Incorrect username or password" } });
    expect((await trpc("account.whoAmI", basic("sam", "sam new password"))).data.user).toEqual({ username: "sam", isAdmin: false });
    expect(await trpc("admin.users.list", basic("sam", "sam new password"))).toEqual({
      status: 403,
      data: undefined,
      error: { code: "FORBIDDEN", message: "Permission denied: only administrators may do this" },
    });
    expect((await trpc("account.tokens.list", {})).error).toEqual({ code: "UNAUTHORIZED", message: "Authentication required: send an API token (Bearer) or HTTP Basic credentials" });
  });
});

// Once, in the PGlite project: the refusal comes before the database matters.
describe.runIf(inject("driver") === "pglite")("start-up with --auth", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "metron-auth-refusal-"));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  async function startOutcome(env: Record<string, string>): Promise<string> {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, METRON_SKIP_BUILD_CHECK: "1", METRON_LOG_LEVEL: "warn", METRON_DATA_DIR: path.join(scratch, "db"), ...env };
    delete childEnv.DATABASE_URL;
    delete childEnv.NODE_OPTIONS;
    return spawnMetronServer(childEnv, ["--port", "0"], 60_000).then(
      ({ child }) => (child.kill("SIGTERM"), "started"),
      (err: Error) => err.message,
    );
  }

  it("refuses to start without an admin, or with only half of the first admin's settings", async () => {
    const noAdmin = await startOutcome({ METRON_AUTH: "true" });
    expect(noAdmin).toContain("server exited with 1");
    expect(noAdmin).toContain(
      "metron: Unavailable: Invalid configuration: auth is on (--auth) and there is no admin yet: set METRON_ADMIN_USERNAME and METRON_ADMIN_PASSWORD to create the first one",
    );
    const half = await startOutcome({ METRON_AUTH: "true", METRON_ADMIN_USERNAME: "admin" });
    expect(half).toContain("server exited with 1");
    expect(half).toContain("Invalid configuration: METRON_ADMIN_USERNAME and METRON_ADMIN_PASSWORD are set together (the first admin's name and password)");
  }, 120_000);
});

describe("with auth off (the shared test server)", () => {
  it("has nobody signed in and no accounts, as before", async () => {
    const offBase = inject("baseUrl");
    const who = await fetch(`${offBase}/api/trpc/account.whoAmI`);
    expect((await who.json()).result.data).toEqual({ authEnabled: false, user: null });
    const tokens = await fetch(`${offBase}/api/trpc/account.tokens.list`);
    expect([tokens.status, (await tokens.json()).error.message]).toEqual([
      400,
      "Sign-in is off on this server: start it with --auth (METRON_AUTH=true) to have users and tokens.",
    ]);
  });
});
