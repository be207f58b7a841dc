import { expect, test, type Browser, type Page } from "@playwright/test";
import { startTestServer, testDatabaseUrl, type TestServer } from "../../server/testing/test-server";

// The portal end to end on an auth-on server: the admin signs in, shares a run from its page, the link
// opens in a fresh browser without an account (and only the run), revoking it stops it at once, and a
// user nobody granted anything sees the 403 page for the admin's experiment.

const ADMIN = { username: "admin", password: "share-e2e-password" };
const OUTSIDER = { username: "outsider", password: "outsider-password" };
const BASIC = `Basic ${Buffer.from(`${ADMIN.username}:${ADMIN.password}`).toString("base64")}`;
let server: TestServer;

test.beforeAll(async () => {
  server = await startTestServer("postgres", {
    databaseUrl: testDatabaseUrl("share_e2e"),
    env: {
      METRON_AUTH: "true",
      METRON_ADMIN_USERNAME: ADMIN.username,
      METRON_ADMIN_PASSWORD: ADMIN.password,
      METRON_AUTH_DEFAULT_PERMISSION: "NO_PERMISSIONS",
    },
  });
});

test.afterAll(async () => {
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

async function signedInPage(browser: Browser, who: { username: string; password: string }): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: server.baseUrl })).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Username").fill(who.username);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("banner").getByLabel(`Signed in as ${who.username}`)).toBeVisible();
  return page;
}

test("share a run from its page, open the link in a fresh browser, revoke it; an outsider gets the 403 page", async ({ browser }) => {
  const { experiment_id: experimentId } = await mlflow("experiments/create", { name: `shared-${Date.now()}` });
  const { run } = await mlflow("runs/create", { experiment_id: experimentId, run_name: "shared-run", start_time: 1_700_000_000_000 });
  const { run: other } = await mlflow("runs/create", { experiment_id: experimentId, run_name: "unshared-run" });
  await mlflow("runs/log-batch", { run_id: run.info.run_id, params: [{ key: "lr", value: "0.01" }] });
  await mlflow("users/create", { username: OUTSIDER.username, password: OUTSIDER.password });
  const runPath = `/experiments/${experimentId}/runs/${run.info.run_id}?tab=params`;

  const admin = await signedInPage(browser, ADMIN);
  await admin.goto(runPath);
  await admin.getByRole("button", { name: "Share" }).click();
  const dialog = admin.getByRole("dialog", { name: "Share a read-only link" });
  await dialog.getByRole("button", { name: "Create link" }).click();
  const link = await dialog.getByLabel("Share link").inputValue();
  expect(link).toMatch(new RegExp(`^${server.baseUrl}/s/[\\w.-]+$`));
  await admin.screenshot({ path: "e2e/output/share-link-created.png", fullPage: true });

  const visitor = await (await browser.newContext({ baseURL: server.baseUrl })).newPage();
  await visitor.goto(link);
  await expect(visitor).toHaveURL(`${server.baseUrl}${runPath}`);
  await expect(visitor.getByRole("heading", { name: "shared-run" })).toBeVisible();
  await expect(visitor.getByText("0.01")).toBeVisible();
  const cookie = (await visitor.context().cookies()).find((c) => c.name === "metron_share");
  expect(cookie).toMatchObject({ path: "/", httpOnly: true, sameSite: "Lax" });
  await expect(visitor.getByRole("button", { name: "Share" })).toHaveCount(0);
  await visitor.screenshot({ path: "e2e/output/share-link-visitor.png", fullPage: true });
  // The link names one run: the experiment's other runs and the experiment itself stay closed.
  expect((await visitor.goto(`/experiments/${experimentId}/runs/${other.info.run_id}`))?.status()).toBe(403);
  expect((await visitor.goto(`/experiments/${experimentId}`))?.status()).toBe(403);

  await admin.goto("/settings/shares");
  await admin.getByRole("button", { name: "Revoke" }).click();
  await expect(admin.getByRole("button", { name: "Revoke" })).toHaveCount(0);
  const revoked = await visitor.goto(link);
  expect([revoked?.status(), await visitor.locator("body").innerText()]).toEqual([401, "This share link has been revoked."]);

  const outsider = await signedInPage(browser, OUTSIDER);
  const denied = await outsider.goto(`/experiments/${experimentId}`);
  expect(denied?.status()).toBe(403);
  await expect(outsider.getByRole("heading", { name: "Permission denied" })).toBeVisible();
  await outsider.screenshot({ path: "e2e/output/permission-denied.png", fullPage: true });
});
