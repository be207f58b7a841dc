import { expect, test, type Page } from "@playwright/test";
import { bodyRows, grid, headerLabels, openTable, runNames } from "./runs-table-helpers";
import { createExperiment, createRun, finishRun, getJson, postJson, uniqueName } from "./seed";

// What a new user meets in their first hour (issue 16): 404 pages, the icon, a sweep in the runs
// table, the user of a curl-made run, the help panel, the run overview, the experiment's description.

test.use({ timezoneId: "UTC" });
const T0 = 1_700_000_000_000;
const shot = (name: string) => ({ path: `e2e/output/first-hour-${name}.png`, fullPage: true });

/** Console errors and failed requests of a page, as a developer would see them in the console. */
function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => msg.type() === "error" && errors.push(msg.text()));
  page.on("pageerror", (err) => errors.push(err.message));
  page.on("response", (res) => res.status() >= 400 && errors.push(`${res.status()} ${res.url()}`));
  return errors;
}

test("unknown experiments, runs and pages answer 404 with the app's own page", async ({ page, request }) => {
  const experimentId = await createExperiment(request, uniqueName("real"));
  const cases = [
    { path: "/experiments/999999", heading: "No such experiment or run" },
    { path: "/experiments/not-a-number", heading: "No such experiment or run" },
    { path: `/experiments/${experimentId}/runs/${"0".repeat(32)}`, heading: "No such experiment or run" },
    { path: "/no-such-page", heading: "Page not found" },
  ];
  for (const { path, heading } of cases) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expect(page.getByTestId("not-found").getByRole("link", { name: "Back to all experiments" })).toHaveAttribute("href", "/");
    await expect(page.getByRole("link", { name: "Metron: all experiments" })).toBeVisible(); // the app's header
    await expect(page.getByText("log your first run")).toHaveCount(0);
  }
  await page.goto("/experiments/999999");
  await page.screenshot(shot("404-experiment"));
  await page.goto("/no-such-page");
  await page.screenshot(shot("404-page"));
});

test("pages load without console errors, with the app's icon", async ({ page, request }) => {
  const experimentId = await createExperiment(request, uniqueName("clean-console"));
  const run = await createRun(request, experimentId, { run_name: "r", start_time: T0 });
  const errors = watchConsole(page);
  for (const path of ["/", `/experiments/${experimentId}`, run.url]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  expect(errors).toEqual([]);
  const icon = await page.locator('link[rel="icon"]').first().getAttribute("href");
  expect(icon).toMatch(/^\/icon\.svg/);
  const res = await request.get(icon!);
  expect([res.status(), res.headers()["content-type"]]).toEqual([200, "image/svg+xml"]);
});

test("a sweep in the runs table: pinned names, readable headers, the knobs that vary, nested counts, users", async ({ page, request }) => {
  const experimentId = await createExperiment(request, uniqueName("sweep"));
  const parent = await createRun(request, experimentId, { run_name: "sweep", start_time: T0 });
  const constant = { batch_size: "64", dataset: "cifar10", epochs: "20", hidden_dim: "512", momentum: "0.9" };
  for (let i = 0; i < 8; i++) {
    const child = await createRun(request, experimentId, {
      run_name: `trial-${i}`,
      start_time: T0 + 1000 * (i + 1),
      tags: [{ key: "mlflow.parentRunId", value: parent.runId }],
    });
    const params = { ...constant, optimizer: i % 2 ? "adam" : "sgd", seed: String(i) };
    const metrics = { best_val_loss: 0.5 - i / 100, loss: 0.4, val_acc: 0.8, "system/cpu_utilization_percentage": 50, "system/disk_usage_megabytes": 9, "system/gpu_0_utilization_percentage": 90 };
    await postJson(request, "runs/log-batch", {
      run_id: child.runId,
      params: Object.entries(params).map(([key, value]) => ({ key, value })),
      metrics: Object.entries(metrics).map(([key, value]) => ({ key, value, timestamp: T0, step: 0 })),
    });
    await finishRun(request, child.runId, T0 + 60_000);
  }
  // Made by curl or the collector: no user_id, the user in the mlflow.user tag; its end truncated to the second, before its start.
  const curlRun = await createRun(request, experimentId, { run_name: "curl-run", start_time: T0 + 20_400, tags: [{ key: "mlflow.user", value: "grace" }] });
  await finishRun(request, curlRun.runId, T0 + 20_000);
  await finishRun(request, parent.runId, T0 + 90_000);

  await page.setViewportSize({ width: 1100, height: 700 });
  await openTable(page, `/experiments/${experimentId}`);
  await expect.poll(() => runNames(page)).toEqual(["curl-run", "sweep"]);
  await expect(page.getByRole("toolbar", { name: "Runs view" })).toContainText("2 runs · 8 nested");
  // Varying params (optimizer, seed) before constant ones; system metrics left out.
  expect(await headerLabels(page)).toEqual([
    "a.name", "a.status", "a.start", "a.duration", "a.user", "a.source",
    "m.best_val_loss", "m.loss", "m.val_acc", "p.optimizer", "p.seed", "p.batch_size", "p.dataset", "p.epochs",
  ]);
  const label = (name: string) => grid(page).locator('[role="columnheader"]').getByText(name, { exact: true });
  await expect(label("best_val_loss")).toHaveAttribute("title", "best_val_loss");
  expect(await label("best_val_loss").evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  const curlRow = bodyRows(page).filter({ hasText: "curl-run" });
  await expect(curlRow.getByRole("cell").nth(4)).toHaveText("—"); // duration, never "-1s"
  await expect(curlRow.getByRole("cell").nth(5)).toHaveText("grace"); // user from mlflow.user

  await page.getByRole("button", { name: "Expand 8 child runs of sweep" }).click();
  await expect.poll(() => runNames(page)).toEqual(["curl-run", "sweep", ...Array.from({ length: 8 }, (_, i) => `trial-${7 - i}`)]);
  await expect(page.getByRole("toolbar", { name: "Runs view" })).toContainText("2 runs · 8 nested");
  await page.screenshot(shot("sweep"));

  // Sorting a column far right scrolls the grid, and the names stay in view.
  await page.getByRole("button", { name: "Sort by epochs" }).click();
  await grid(page).evaluate((el) => (el.scrollLeft = el.scrollWidth));
  const gridBox = (await grid(page).boundingBox())!;
  const nameHeader = (await page.getByRole("columnheader", { name: /Run/ }).first().boundingBox())!;
  expect(nameHeader.x - gridBox.x).toBeLessThan(60);
  await expect(bodyRows(page).filter({ hasText: "trial-3" }).getByRole("link", { name: "trial-3" })).toBeInViewport();
  await page.screenshot(shot("sweep-scrolled"));

  // System metrics wait in a collapsed group of the column chooser.
  await page.getByRole("button", { name: /^Columns/ }).click();
  const list = page.getByTestId("column-chooser-list");
  const systemGroup = list.getByRole("button", { name: /System metrics \(3\)/ });
  await expect(systemGroup).toHaveAttribute("aria-expanded", "false");
  await expect(list.getByText("system/cpu_utilization_percentage")).toHaveCount(0);
  await systemGroup.click();
  await expect(list.getByText("system/cpu_utilization_percentage")).toBeVisible();
  await page.screenshot(shot("chooser"));
});

test("the help panel says how to log runs once runs exist; a run's overview names its experiment", async ({ page, request }) => {
  const name = uniqueName("named");
  const experimentId = await createExperiment(request, name);
  const run = await createRun(request, experimentId, { run_name: "r", start_time: T0 });
  await page.goto("/");
  await page.getByRole("button", { name: "How to log runs" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "How to log runs" })).toBeVisible();
  await expect(page.getByText("No runs yet")).toHaveCount(0);

  await page.goto(run.url);
  const facts = page.getByTestId("run-facts");
  await expect(facts.locator('dt:text-is("Experiment") + dd').getByRole("link", { name })).toHaveAttribute("href", `/experiments/${experimentId}`);
});

test("an experiment's description (markdown) and tags are shown and edited on its page", async ({ page, request }) => {
  const experimentId = await createExperiment(request, uniqueName("described"));
  await postJson(request, "experiments/set-experiment-tag", { experiment_id: experimentId, key: "team", value: "vision" });
  await createRun(request, experimentId, { run_name: "r", start_time: T0 });
  await openTable(page, `/experiments/${experimentId}`);
  const about = page.getByRole("region", { name: "About this experiment" });
  await expect(about.getByTestId("experiment-tag")).toHaveText(["teamvision×"]);

  await about.getByRole("button", { name: "+ Add a description" }).click();
  await about.getByLabel("Description (markdown)").fill("## Goal\n\nFind the **best** learning rate.");
  await about.getByRole("button", { name: "Save description" }).click();
  await expect(about.getByRole("heading", { level: 2, name: "Goal" })).toBeVisible();
  await expect(about.locator("strong")).toHaveText("best");

  await about.getByRole("button", { name: "+ Add tag" }).click();
  await about.getByLabel("Tag key").fill("stage");
  await about.getByLabel("Tag value").fill("pilot");
  await about.getByRole("button", { name: "Add tag", exact: true }).click();
  await expect(about.getByTestId("experiment-tag")).toHaveText(["stagepilot×", "teamvision×"]);
  await about.getByRole("button", { name: "Delete tag team" }).click();
  await expect(about.getByTestId("experiment-tag")).toHaveText(["stagepilot×"]);
  await page.screenshot(shot("about"));

  const { experiment } = await getJson(request, `experiments/get?experiment_id=${experimentId}`);
  expect(Object.fromEntries(experiment.tags.map((t: { key: string; value: string }) => [t.key, t.value]))).toEqual({
    "mlflow.note.content": "## Goal\n\nFind the **best** learning rate.",
    stage: "pilot",
  });
  await page.reload();
  await expect(about.getByRole("heading", { level: 2, name: "Goal" })).toBeVisible();
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot(shot("about-dark"));
  await page.emulateMedia({ colorScheme: "light" });
  await about.getByRole("button", { name: "Edit description" }).click();
  await expect(about.getByLabel("Description (markdown)")).toHaveValue("## Goal\n\nFind the **best** learning rate.");
});
