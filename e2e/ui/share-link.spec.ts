import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { newShareLinkId, signShareToken } from "../../server/auth/share-token";
import { startTestServer, testDatabaseUrl, type TestServer } from "../../server/testing/test-server";

// A share link opened in a fresh browser (no session) on a server with auth on. This spec covers what
// /s/<token> guarantees: the HttpOnly cookie, the redirect to the shared view, and revocation at once.
// The link is written as the create verb writes it (the sign-in and the gate live on other branches).

const ADMIN = { username: "admin", password: "share-e2e-password" };
const BASIC = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString("base64")}`;
let server: TestServer;
let sql: postgres.Sql;

test.beforeAll(async () => {
  const databaseUrl = testDatabaseUrl("share_e2e");
  server = await startTestServer("postgres", {
    databaseUrl,
    env: { METRON_AUTH: "true", METRON_ADMIN_USERNAME: ADMIN.username, METRON_ADMIN_PASSWORD: ADMIN.password },
  });
  sql = postgres(databaseUrl, { onnotice: () => {} });
});

test.afterAll(async () => {
  await sql?.end();
  await server?.stop();
});

async function mlflow(path: string, body: unknown) {
  const res = await fetch(`${server.baseUrl}/api/2.0/mlflow/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: BASIC },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

/** A live run link as createShareLink stores and signs it (key from server_secrets, made once). */
async function shareRun(runId: string, target: string): Promise<{ linkId: string; token: string }> {
  const [user] = await sql`insert into users (username, password_hash, creation_time) values ('sharer', 'x', 0)
    on conflict (username) do update set username = excluded.username returning id`;
  await sql`insert into server_secrets (name, value) values ('share_link_key', ${"k".repeat(43)}) on conflict do nothing`;
  const [{ value: key }] = await sql`select value from server_secrets where name = 'share_link_key'`;
  const linkId = newShareLinkId();
  const expiryTime = Date.now() + 3_600_000;
  await sql`insert into share_links (id, kind, run_ids, target, creator_user_id, creation_time, expiry_time)
    values (${linkId}, 'run', ${sql.json([runId])}, ${target}, ${user.id}, ${Date.now()}, ${expiryTime})`;
  return { linkId, token: signShareToken(key, { linkId, expiryTime }) };
}

test("a run's share link opens the run in a fresh browser, and stops at once when revoked", async ({ browser }) => {
  const { experiment_id: experimentId } = await mlflow("experiments/create", { name: `shared-${Date.now()}` });
  const { run } = await mlflow("runs/create", { experiment_id: experimentId, run_name: "shared-run", start_time: 1_700_000_000_000 });
  const runId = run.info.run_id;
  await mlflow("runs/log-batch", { run_id: runId, params: [{ key: "lr", value: "0.01" }] });
  const target = `/experiments/${experimentId}/runs/${runId}?tab=params`;
  const { token } = await shareRun(runId, target);

  const visitor = await browser.newContext({ baseURL: server.baseUrl });
  const page = await visitor.newPage();
  await page.goto(`/s/${token}`);
  await expect(page).toHaveURL(`${server.baseUrl}${target}`);
  await expect(page.getByRole("heading", { name: "shared-run" })).toBeVisible();
  await expect(page.getByText("0.01")).toBeVisible();
  const cookie = (await visitor.cookies()).find((c) => c.name === "metron_share");
  expect(cookie).toMatchObject({ value: token, path: "/", httpOnly: true, sameSite: "Lax" });
  // A share visitor is no signed-in user: nothing to share from here.
  await expect(page.getByRole("button", { name: "Share" })).toHaveCount(0);

  const tampered = await page.goto(`/s/${token.slice(0, -2)}AA`);
  expect([tampered?.status(), await page.locator("body").innerText()]).toEqual([401, "Invalid share link: it is malformed or its signature does not match."]);

  await sql`update share_links set revoked_time = ${Date.now()} where run_ids ? ${runId}`;
  const revoked = await page.goto(`/s/${token}`);
  expect([revoked?.status(), await page.locator("body").innerText()]).toEqual([401, "This share link has been revoked."]);
  await visitor.close();
});
