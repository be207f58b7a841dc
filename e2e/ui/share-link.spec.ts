import { expect, test, type Browser, type Page } from "@playwright/test";
import { startTestServer, testDatabaseUrl, type TestServer } from "../../server/testing/test-server";
import { chart, expectDrawn } from "./chart-seed";

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
  admin.once("dialog", (confirm) => confirm.accept());
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

test("share the experiment's charts: the link opens those charts, settings kept, and reads only those runs", async ({ browser }) => {
  const { experiment_id: experimentId } = await mlflow("experiments/create", { name: `charts-shared-${Date.now()}` });
  const ids: Record<string, string> = {};
  for (const [i, name] of ["alpha", "beta", "gamma"].entries()) {
    ids[name] = (await mlflow("runs/create", { experiment_id: experimentId, run_name: name, start_time: 1_700_000_000_000 })).run.info.run_id;
    const metrics = Array.from({ length: 20 }, (_, step) => ({ key: "loss", value: (i + 1) / (step + 1), step, timestamp: 1_700_000_000_000 + step * 1000 }));
    await mlflow("runs/log-batch", { run_id: ids[name], metrics: [...metrics, { key: "acc", value: 0.5, step: 0, timestamp: 1_700_000_000_000 }] });
  }

  // Two runs selected in the table, smoothing, a zoom window and a key search: the view being shared.
  const admin = await signedInPage(browser, ADMIN);
  await admin.goto(`/experiments/${experimentId}?display=charts&sel=${ids.alpha}&sel=${ids.beta}&cs=0.5&cz=3~12&ck=loss`);
  await expectDrawn(admin, "loss");
  await expect(chart(admin, "loss")).toHaveAttribute("data-points", "40");
  await admin.getByRole("button", { name: "Share" }).click();
  const dialog = admin.getByRole("dialog", { name: "Share a read-only link" });
  await dialog.getByRole("button", { name: "Create link" }).click();
  await expect(dialog).toContainText("these charts of 2 runs");
  const link = await dialog.getByLabel("Share link").inputValue();
  await admin.screenshot({ path: "e2e/output/share-charts-created.png", fullPage: true });

  const visitor = await (await browser.newContext({ baseURL: server.baseUrl, viewport: { width: 1280, height: 900 } })).newPage();
  await visitor.goto(link);
  // The compare charts over the two runs (in the table's order), with the view's chart settings.
  await expect(visitor).toHaveURL(/\/compare\?runs=[\w,]+&view=charts&cs=0\.5&cz=3~12&ck=loss$/);
  expect(new URL(visitor.url()).searchParams.get("runs")!.split(",").sort()).toEqual([ids.alpha, ids.beta].sort());
  await expect(visitor.getByRole("tab", { name: /Charts/ })).toHaveAttribute("aria-selected", "true");
  await expectDrawn(visitor, "loss");
  // Both runs' 20 points, 10 of each inside the zoom window; smoothing and the key search as shared.
  await expect(chart(visitor, "loss")).toHaveAttribute("data-points", "40");
  await expect(chart(visitor, "loss")).toHaveAttribute("data-visible-points", "20");
  await expect(visitor.getByTestId("metric-chart")).toHaveCount(1);
  await expect(visitor.getByText("Smoothing 0.50")).toBeVisible();
  await expect(visitor.getByRole("button", { name: "Share" })).toHaveCount(0);
  await visitor.screenshot({ path: "e2e/output/share-charts-visitor.png", fullPage: true });

  // Its runs' metric data, and nothing else of the experiment: not the third run's buckets, history or page.
  const series = (runId: string) =>
    visitor.request.get(`/api/trpc/charts.series?input=${encodeURIComponent(JSON.stringify({ series: [{ runId, key: "loss" }], x: "step", buckets: 10 }))}`);
  expect((await series(ids.beta)).status()).toBe(200);
  expect((await series(ids.gamma)).status()).toBe(403);
  const history = (runId: string) => visitor.request.get(`/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=loss`);
  expect((await (await history(ids.alpha)).json()).metrics).toHaveLength(20);
  expect((await history(ids.gamma)).status()).toBe(403);
  expect((await visitor.goto(`/experiments/${experimentId}`))?.status()).toBe(403);
  expect((await visitor.goto(`/compare?runs=${ids.alpha},${ids.gamma}&view=charts`))?.status()).toBe(200);
  await expect(visitor.getByText(`Permission denied: READ on run ${ids.gamma} is required`)).toBeVisible();

  // The compare page's Charts tab shares as a chart link too; both are listed as such.
  await admin.goto(`/compare?runs=${ids.beta},${ids.gamma}&view=charts&cx=time`);
  await admin.getByRole("button", { name: "Share" }).click();
  await admin.getByRole("dialog", { name: "Share a read-only link" }).getByRole("button", { name: "Create link" }).click();
  await expect(admin.getByRole("dialog", { name: "Share a read-only link" }).getByLabel("Share link")).toBeVisible();
  await admin.goto("/settings/shares");
  await expect(admin.getByRole("table", { name: "Shared links" }).getByRole("link", { name: "chart: 2 runs" })).toHaveCount(2);
});

/** Visible elements painting a light surface (relative luminance over 0.4): none belong in the dark theme. */
async function lightSurfaces(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const luminance = (rgb: number[]) => {
      const [r, g, b] = rgb.map((v) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("body *"))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const parts = (getComputedStyle(el).backgroundColor.match(/[\d.]+/g) ?? []).map(Number);
      const alpha = parts.length === 4 ? parts[3] : 1;
      if (parts.length >= 3 && alpha > 0.5 && luminance(parts.slice(0, 3)) > 0.4) {
        found.push(`${el.tagName.toLowerCase()}${el.getAttribute("aria-label") ? `[${el.getAttribute("aria-label")}]` : ""} "${(el.textContent ?? "").trim().slice(0, 30)}"`);
      }
    }
    return found;
  });
}

test("the portal's pages in the dark theme: sign-in, tokens, shared links, users", async ({ browser }) => {
  // Its own data (a failed test before it restarts the server on a fresh database): a user and a link.
  const username = `dark-${Date.now()}`;
  await mlflow("users/create", { username, password: "dark-theme-password" });
  const { experiment_id: experimentId } = await mlflow("experiments/create", { name: `dark-${Date.now()}` });
  const { run } = await mlflow("runs/create", { experiment_id: experimentId });
  const share = await fetch(`${server.baseUrl}/api/trpc/shares.create`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: BASIC },
    body: JSON.stringify({ kind: "run", runIds: [run.info.run_id], target: `/experiments/${experimentId}/runs/${run.info.run_id}`, expiresInHours: 1 }),
  });
  expect(share.status).toBe(200);
  const page = await (await browser.newContext({ baseURL: server.baseUrl, colorScheme: "dark", viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto("/sign-in");
  await page.screenshot({ path: "e2e/output/dark-sign-in.png", fullPage: true });
  expect(await lightSurfaces(page)).toEqual([]);
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("banner").getByLabel(`Signed in as ${ADMIN.username}`)).toBeVisible();

  await page.goto("/settings/tokens");
  await page.getByLabel("New token’s name").fill("dark-theme");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-token")).toBeVisible();
  await page.screenshot({ path: "e2e/output/dark-tokens.png", fullPage: true });
  expect(await lightSurfaces(page)).toEqual([]);

  await page.goto("/settings/shares");
  await expect(page.getByRole("table", { name: "Shared links" })).toBeVisible();
  await page.screenshot({ path: "e2e/output/dark-shares.png", fullPage: true });
  expect(await lightSurfaces(page)).toEqual([]);

  await page.goto("/admin/users");
  await expect(page.getByRole("cell", { name: username, exact: true })).toBeVisible();
  await page.screenshot({ path: "e2e/output/dark-admin-users.png", fullPage: true });
  expect(await lightSurfaces(page)).toEqual([]);
});
