import { expect, test } from "@playwright/test";
import { seedDashboard, SEED_DAY } from "../../server/testing/dashboard-seed";

test.use({ timezoneId: "UTC", viewport: { width: 1280, height: 1000 } });

const DAY_MS = 86_400_000;

test("an experiment's dashboard shows the known counts, and each number opens the runs behind it", async ({ page, baseURL }) => {
  const tag = Date.now().toString(36);
  const seed = await seedDashboard(`${baseURL}/api/2.0/mlflow`, tag);
  const { alice, bob, carol } = seed.users;

  // The experiment page leads to its dashboard.
  await page.goto(`/experiments/${seed.experimentId}`);
  await page.getByRole("link", { name: "Dashboard", exact: true }).last().click();
  await expect(page).toHaveURL(new RegExp(`/dashboard\\?exp=${seed.experimentId}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Dashboard: ${seed.experimentName}`);

  await page.goto(`/dashboard?exp=${seed.experimentId}&days=0`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Dashboard: ${seed.experimentName}`);
  await expect(page.getByTestId("kpi-runs")).toHaveText("5");
  await expect(page.getByTestId("kpi-users")).toHaveText("3");
  await expect(page.getByTestId("kpi-gpu-hours")).toHaveText("4.5");

  const perDay = page.getByRole("region", { name: "Runs started per day" });
  await expect(perDay.getByRole("link")).toHaveText(["3", "1", "1"]);
  await expect(perDay.getByRole("link", { name: "3 runs started 2023-11-15" })).toBeVisible();
  const perUser = page.getByRole("region", { name: "Runs per user" });
  await expect(perUser.getByRole("row")).toHaveText(["Runs", `${alice}3`, `${bob}1`, `${carol}1`]);
  const status = page.getByRole("region", { name: "Status" });
  await expect(status.getByRole("row")).toHaveText(["Runs", "FINISHED3", "FAILED1", "RUNNING1"]);
  const gpu = page.getByRole("region", { name: "GPU-hours per user" });
  await expect(gpu.getByRole("link")).toHaveText(["4", "0.5"]);
  await expect(gpu.getByRole("link", { name: `4 GPU-hours of ${alice}` })).toBeVisible();
  const metric = page.getByRole("region", { name: "Metric across runs" });
  await expect(metric.getByRole("combobox", { name: "Metric" })).toHaveValue("loss");
  await expect(metric.getByRole("row")).toHaveText(["Runs", "2023-11-15: best 0.3, last 0.43", "2023-11-16: best 0.2, last 0.21"]);
  // Every chart drew (echart.tsx marks a finished render).
  await expect(page.locator("[data-rendered]")).toHaveCount(6);
  await page.screenshot({ path: "e2e/output/dashboard-experiment.png", fullPage: true });

  await status.getByRole("link", { name: "1 run FAILED" }).click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${seed.experimentId}\\?f=`));
  expect(new URL(page.url()).searchParams.get("f")).toBe("attributes.status = 'FAILED'");
  await expect(page.getByRole("link", { name: "run-2", exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "run-0", exact: true })).toHaveCount(0);

  await page.goBack();
  await perDay.getByRole("link", { name: "3 runs started 2023-11-15" }).click();
  await expect(page).toHaveURL(/\/experiments\/\d+\?f=/);
  expect(new URL(page.url()).searchParams.get("f")).toBe(`attributes.start_time >= ${SEED_DAY * DAY_MS} AND attributes.start_time < ${(SEED_DAY + 1) * DAY_MS}`);
  for (const name of ["run-0", "run-1", "run-2"]) await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "run-3", exact: true })).toHaveCount(0);
});

test("the whole-server dashboard narrows to a slice and leads into the experiments that hold its runs", async ({ page, baseURL }) => {
  const tag = Date.now().toString(36);
  const seed = await seedDashboard(`${baseURL}/api/2.0/mlflow`, tag);

  await page.goto("/dashboard?days=0");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Dashboard: All experiments");
  const perUser = page.getByRole("region", { name: "Runs per user" });
  await perUser.getByRole("link", { name: `3 runs of ${seed.users.alice}` }).click();
  await expect(page).toHaveURL(`/dashboard?days=0&user=${seed.users.alice}`);
  await expect(page.getByRole("group", { name: "Narrowed to" })).toContainText(`user ${seed.users.alice}`);
  await expect(page.getByTestId("kpi-runs")).toHaveText("3");
  await expect(page.getByTestId("kpi-gpu-hours")).toHaveText("4");
  const experiments = page.getByRole("region", { name: "Experiments" });
  await expect(experiments.getByRole("row")).toHaveText(["Runs", `${seed.experimentName}3`]);
  await page.screenshot({ path: "e2e/output/dashboard-server-slice.png", fullPage: true });

  await experiments.getByRole("link", { name: `3 runs in ${seed.experimentName}` }).click();
  await expect(page).toHaveURL(new RegExp(`/experiments/${seed.experimentId}\\?f=`));
  expect(new URL(page.url()).searchParams.get("f")).toBe(`attributes.user_id = '${seed.users.alice}'`);
  for (const name of ["run-0", "run-1", "run-2"]) await expect(page.getByRole("link", { name, exact: true })).toBeVisible();
  await expect(page.getByRole("link", { name: "run-3", exact: true })).toHaveCount(0);
});

test("the header leads to Experiments, Models and Dashboard", async ({ page }) => {
  await page.goto("/");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link")).toHaveText(["Experiments", "Models", "Dashboard"]);
  await nav.getByRole("link", { name: "Dashboard" }).click();
  await expect(page).toHaveURL("/dashboard");
  await nav.getByRole("link", { name: "Models" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Registered models");
});
