import { expect, test } from "@playwright/test";
import { createExperiment, createRun, finishRun, getJson, postJson, uniqueName } from "./seed";

test.use({ timezoneId: "UTC" });

const T0 = 1_700_000_000_000; // 2023-11-14 22:13:20 UTC
const point = (key: string, value: number, step: number) => ({ key, value, step, timestamp: T0 + step * 1000 });

test("overview, parameters and metrics of a finished run, each tab and search in the URL", async ({ page, request }) => {
  const experimentName = uniqueName("run-page");
  const experimentId = await createExperiment(request, experimentName);
  const parent = await createRun(request, experimentId, { run_name: "sweep", start_time: T0 });
  const commit = "4f2c9a1e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39";
  const run = await createRun(request, experimentId, {
    run_name: "trial-1",
    start_time: T0,
    user_id: "ada",
    tags: [
      { key: "mlflow.parentRunId", value: parent.runId },
      { key: "mlflow.source.name", value: "train.py" },
      { key: "mlflow.source.type", value: "LOCAL" },
      { key: "mlflow.source.git.commit", value: commit },
      {
        key: "mlflow.log-model.history",
        value: JSON.stringify([{ run_id: "x", artifact_path: "model", utc_time_created: "2023-11-14 23:15:00.000000", flavors: { sklearn: {}, python_function: {} } }]),
      },
    ],
  });
  await createRun(request, experimentId, { run_name: "trial-1-fold-0", tags: [{ key: "mlflow.parentRunId", value: run.runId }] });
  await postJson(request, "runs/log-batch", {
    run_id: run.runId,
    params: [
      { key: "lr", value: "0.01" },
      { key: "batch_size", value: "32" },
      { key: "optimizer", value: "adam" },
    ],
    metrics: [point("loss", 1, 0), point("loss", 0.5, 1), point("loss", 0.25, 2), point("loss", 0.4, 3), point("accuracy", 0.5, 0), point("accuracy", 0.9, 1)],
  });
  await postJson(request, "runs/log-inputs", {
    run_id: run.runId,
    datasets: [
      {
        dataset: { name: "mnist-train", digest: "d1g35t", source_type: "local", source: '{"uri": "/data/train.parquet"}' },
        tags: [{ key: "mlflow.data.context", value: "training" }],
      },
    ],
  });
  await finishRun(request, run.runId, T0 + 3_723_000);

  await page.goto(run.url);
  await expect(page.getByRole("heading", { level: 1, name: "trial-1" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: experimentName })).toHaveAttribute(
    "href",
    `/experiments/${experimentId}`,
  );
  const facts = page.getByTestId("run-facts");
  const fact = (label: string) => facts.locator(`dt:text-is("${label}") + dd`);
  await expect(fact("Status")).toHaveText("FINISHED");
  await expect(fact("Run ID")).toHaveText(run.runId);
  await expect(fact("Started")).toHaveText("2023-11-14 22:13:20");
  await expect(fact("Ended")).toHaveText("2023-11-14 23:15:23");
  await expect(fact("Duration")).toHaveText("1h 02m 03s");
  await expect(fact("User")).toHaveText("ada");
  await expect(fact("Source")).toHaveText("train.py (local)");
  await expect(fact("Git commit")).toHaveText(commit);
  await expect(fact("Artifact URI")).toHaveText(run.artifactUri);
  await expect(page.getByTestId("parent-run").getByRole("link", { name: "sweep" })).toHaveAttribute("href", parent.url);
  await expect(page.getByTestId("child-runs").getByRole("link", { name: "trial-1-fold-0" })).toBeVisible();
  const dataset = page.getByRole("region", { name: "Datasets" }).getByRole("row").nth(1);
  await expect(dataset.getByRole("cell")).toHaveText(["mnist-train", "d1g35t", "training", 'local {"uri": "/data/train.parquet"}']);
  const models = page.getByRole("region", { name: "Logged models" });
  await expect(models.getByRole("listitem")).toHaveText("model (sklearn, python_function) 2023-11-14 23:15:00.000000");
  await expect(models.getByRole("link", { name: "model" })).toHaveAttribute("href", `${run.url}?tab=artifacts&artifact=model`);
  await page.screenshot({ path: "e2e/output/run-overview.png", fullPage: true });

  await page.getByRole("tab", { name: "Parameters (3)" }).click();
  await expect(page).toHaveURL(/\?tab=params$/);
  const params = page.getByRole("table", { name: "Parameters" });
  await expect(params.getByRole("row")).toHaveCount(4);
  await page.getByLabel("Search parameters").fill("LR");
  await expect(page).toHaveURL(/tab=params&params=LR/);
  await expect(params.getByRole("row").nth(1).getByRole("cell")).toHaveText(["lr", "0.01"]);
  await expect(params.getByRole("row")).toHaveCount(2);
  await expect(page.getByText("1 of 3 match")).toBeVisible();
  await page.screenshot({ path: "e2e/output/run-params.png", fullPage: true });

  // Arrow keys move between tabs.
  await page.getByRole("tab", { name: "Parameters (3)" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("tab", { name: "Metrics (2)" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByRole("tab", { name: "Metrics (2)" })).toBeFocused();
  const metrics = page.getByRole("table", { name: "Metrics" });
  await expect(metrics.getByRole("row").nth(1).getByRole("cell")).toHaveText(["accuracy", "0.9", "1", "0.5", "0.9", "2", "2023-11-14 22:13:21"]);
  await expect(metrics.getByRole("row").nth(2).getByRole("cell")).toHaveText(["loss", "0.4", "3", "0.25", "1", "4", "2023-11-14 22:13:23"]);
  await page.getByLabel("Search metrics").fill("loss");
  await expect(metrics.getByRole("row")).toHaveCount(2);
  await page.screenshot({ path: "e2e/output/run-metrics.png", fullPage: true });

  // Back and Forward switch tabs at once: the tab just clicked is not held over the URL.
  await page.goBack();
  await expect(page.getByRole("tab", { name: "Parameters (3)" })).toHaveAttribute("aria-selected", "true");
  await page.goForward();
  await expect(page.getByRole("tab", { name: "Metrics (2)" })).toHaveAttribute("aria-selected", "true");

  // The view survives a reload, and Back returns to the previous tab.
  await page.reload();
  await expect(page.getByRole("tab", { name: "Metrics (2)" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByLabel("Search metrics")).toHaveValue("loss");
  await page.goBack();
  await expect(page.getByRole("tab", { name: "Parameters (3)" })).toHaveAttribute("aria-selected", "true");

  expect((await getJson(request, `runs/get?run_id=${run.runId}`)).run.info.status).toBe("FINISHED");
});

test("a running run follows new metrics and its end without a reload", async ({ page, request }) => {
  const run = await createRun(request, await createExperiment(request), { run_name: "live-one" });
  await page.goto(`${run.url}?tab=metrics`);
  await expect(page.getByText("live", { exact: true })).toBeVisible();
  await expect(page.getByText("No metrics logged yet.")).toBeVisible();

  await postJson(request, "runs/log-metric", { run_id: run.runId, key: "loss", value: 0.125, step: 7, timestamp: Date.now() });
  const row = page.getByRole("table", { name: "Metrics" }).getByRole("row").nth(1);
  await expect(row.getByRole("cell").nth(1)).toHaveText("0.125", { timeout: 10_000 });
  await expect(row.getByRole("cell").nth(2)).toHaveText("7");

  await finishRun(request, run.runId, Date.now());
  await expect(page.getByRole("main").getByText("FINISHED", { exact: true })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByText("live", { exact: true })).toHaveCount(0);
});

test("an unknown run is a 404 page that says so and links back", async ({ page }) => {
  const response = await page.goto("/experiments/0/runs/00000000000000000000000000000000");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("No such experiment or run");
  await expect(page.getByRole("link", { name: "Back to all experiments", exact: true })).toHaveAttribute("href", "/");
});
