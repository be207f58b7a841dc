import { expect, test, type Page } from "@playwright/test";
import { startTestServer, type TestServer } from "../../server/testing/test-server";

// Sign-in needs a server started with --auth: this spec starts its own (the shared e2e server runs
// without) and visits it by full URL.

const ADMIN = { username: "admin", password: "admin password 1" };
let server: TestServer;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startTestServer("pglite", { env: { METRON_ADMIN_USERNAME: ADMIN.username, METRON_ADMIN_PASSWORD: ADMIN.password }, args: ["--auth"] });
});

test.afterAll(async () => server?.stop());

const at = (path: string) => `${server.baseUrl}${path}`;

async function whoAmIWith(page: Page, authorization: string) {
  const res = await page.request.get(at(`/api/trpc/account.whoAmI`), { headers: { authorization } });
  return { status: res.status(), user: res.ok() ? (await res.json()).result.data.user : undefined };
}

async function signIn(page: Page, password: string) {
  await page.getByLabel("Username").fill(ADMIN.username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("signs in, creates a token shown once, revokes it and signs out", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.baseUrl });
  await page.goto(at("/settings/tokens"));
  await expect(page.getByRole("main")).toContainText("Sign in to see this page.");
  await page.getByRole("banner").getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(at("/sign-in?next=%2Fsettings%2Ftokens"));

  await signIn(page, "not the password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Incorrect username or password.");
  await page.screenshot({ path: "e2e/output/auth-sign-in-error.png", fullPage: true });
  await signIn(page, ADMIN.password);
  await expect(page).toHaveURL(at("/settings/tokens"));
  await expect(page.getByRole("banner").getByLabel("Signed in as admin")).toBeVisible();

  // The mutation echoes the CSRF cookie in its header (the double-submit check).
  const csrf = (await context.cookies(server.baseUrl)).find((c) => c.name === "metron_csrf")!;
  expect((await context.cookies(server.baseUrl)).find((c) => c.name === "metron_session")!.httpOnly).toBe(true);
  expect(csrf.httpOnly).toBe(false);
  await page.getByLabel("New token’s name").fill("laptop");
  const [request] = await Promise.all([page.waitForRequest(/\/api\/trpc\/account\.tokens\.create/), page.getByRole("button", { name: "Create token" }).click()]);
  expect(request.headers()["x-metron-csrf"]).toBe(csrf.value);
  const token = (await page.getByTestId("new-token").textContent())!;
  expect(token).toMatch(/^mtk_[\w-]{43}$/);
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
  const row = page.getByRole("table", { name: "API tokens" }).getByRole("row").filter({ hasText: "laptop" });
  await expect(row).toContainText(`${token.slice(0, 12)}…`);
  await expect(row).toContainText("Active");
  await page.screenshot({ path: "e2e/output/auth-token-created.png", fullPage: true });
  expect(await whoAmIWith(page, `Bearer ${token}`)).toEqual({ status: 200, user: { username: "admin", isAdmin: true } });

  // Shown once: after a reload only its prefix is left.
  await page.reload();
  await expect(row).toBeVisible();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  page.once("dialog", (dialog) => dialog.accept());
  await row.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Revoked");
  expect(await whoAmIWith(page, `Bearer ${token}`)).toEqual({ status: 401, user: undefined });

  await page.getByRole("banner").getByLabel("Signed in as admin").click();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(at("/sign-in"));
  await expect(page.getByRole("heading", { name: "Sign in to Metron" })).toBeVisible();
  expect((await context.cookies(server.baseUrl)).map((c) => c.name)).toEqual([]);
  await page.screenshot({ path: "e2e/output/auth-signed-out.png", fullPage: true });
  await page.goto(at("/settings/tokens"));
  await expect(page.getByRole("main")).toContainText("Sign in to see this page.");
});

test("an admin creates a user and a team, adds and removes the member, and deletes both", async ({ page }) => {
  await page.goto(at("/sign-in?next=/admin/users"));
  await signIn(page, ADMIN.password);
  await expect(page).toHaveURL(at("/admin/users"));
  const newUser = page.getByRole("form", { name: "New user" });
  await newUser.getByLabel("Username").fill("ana");
  await newUser.getByLabel("Password (8+ characters)").fill("ana password");
  await newUser.getByRole("button", { name: "Create user" }).click();
  const ana = page.getByRole("table", { name: "Users" }).getByRole("row").filter({ hasText: "ana" });
  await expect(ana).toContainText("User");
  await ana.getByRole("button", { name: "Make admin" }).click();
  await expect(ana.getByRole("cell").nth(1)).toHaveText("Admin");
  await ana.getByRole("button", { name: "Reset password" }).click();
  await ana.getByLabel("New password for ana").fill("ana new password");
  await ana.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password reset" })).toBeVisible();
  expect((await whoAmIWith(page, `Basic ${Buffer.from("ana:ana new password").toString("base64")}`)).user).toEqual({ username: "ana", isAdmin: true });
  await page.screenshot({ path: "e2e/output/auth-admin-users.png", fullPage: true });

  await page.getByRole("banner").getByLabel("Signed in as admin").click();
  await page.getByRole("link", { name: "Teams" }).click();
  await page.getByLabel("Team name").fill("vision");
  await page.getByRole("button", { name: "Create team" }).click();
  const team = page.getByRole("region", { name: "Team vision" });
  await team.getByLabel("Username to add to vision").fill("ana");
  await team.getByRole("button", { name: "Add member" }).click();
  await expect(team.getByRole("button", { name: "Remove ana from vision" })).toBeVisible();
  await page.screenshot({ path: "e2e/output/auth-admin-teams.png", fullPage: true });
  await team.getByRole("button", { name: "Remove ana from vision" }).click();
  await expect(team).toContainText("No members.");
  page.once("dialog", (dialog) => dialog.accept());
  await team.getByRole("button", { name: "Delete team" }).click();
  await expect(page.getByText("No teams yet.")).toBeVisible();

  await page.goto(at("/admin/users"));
  page.once("dialog", (dialog) => dialog.accept());
  await ana.getByRole("button", { name: "Delete" }).click();
  await expect(ana).toHaveCount(0);
});
