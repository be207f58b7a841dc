import { expect, test, type APIRequestContext } from "@playwright/test";
import { expectDrawn, logSeries, lossCurve, T0 } from "./chart-seed";
import { createExperiment, createRun, getJson, postJson, uniqueName } from "./seed";

test.use({ timezoneId: "UTC", viewport: { width: 1400, height: 900 } });
test.describe.configure({ timeout: 120_000 });

const shot = (name: string) => ({ path: `e2e/output/checkpoints-${name}.png`, fullPage: true });

interface CheckpointSpec {
  name: string;
  step: number;
  metrics: Record<string, Record<string, number>>; // dataset → metric → value
  params?: Record<string, string>;
  tags?: Record<string, string>;
}

/** A checkpoint as MLflow 3's log_model(step=…) and log_metric(model_id=…, dataset=…) record it. */
async function logCheckpoint(request: APIRequestContext, experimentId: string, runId: string, spec: CheckpointSpec): Promise<string> {
  const { model } = await postJson(request, "logged-models", {
    experiment_id: experimentId,
    name: spec.name,
    source_run_id: runId,
    model_type: "pytorch",
    params: Object.entries(spec.params ?? {}).map(([key, value]) => ({ key, value })),
    tags: Object.entries(spec.tags ?? {}).map(([key, value]) => ({ key, value })),
  });
  const modelId: string = model.info.model_id;
  await postJson(request, "runs/outputs", { run_id: runId, models: [{ model_id: modelId, step: spec.step }] });
  for (const [dataset, metrics] of Object.entries(spec.metrics)) {
    for (const [key, value] of Object.entries(metrics)) {
      await postJson(request, "runs/log-metric", { run_id: runId, key, value, step: spec.step, timestamp: T0 + spec.step * 1000, model_id: modelId, dataset_name: dataset, dataset_digest: `${dataset}-d1` });
    }
  }
  return modelId;
}

test("models tab lists an experiment's checkpoints (filter, sort by a metric on a dataset) and the model page shows one", async ({ page, request }) => {
  const experimentId = await createExperiment(request, uniqueName("ckpt-models"));
  const run = await createRun(request, experimentId, { run_name: "resnet-train", start_time: T0 });
  const ids: string[] = [];
  for (const [i, loss] of [0.9, 0.45, 0.6].entries()) {
    ids.push(
      await logCheckpoint(request, experimentId, run.runId, {
        name: `epoch-${i + 1}`,
        step: (i + 1) * 100,
        metrics: { val: { loss, accuracy: 0.6 + i * 0.1 }, test: { accuracy: 0.55 + i * 0.1 } },
        params: { lr: i === 2 ? "0.001" : "0.01", batch_size: "64" },
        tags: { stage: i === 1 ? "candidate" : "draft" },
      }),
    );
  }
  const root = `mlflow-artifacts/artifacts/${experimentId}/models/${ids[1]}/artifacts`;
  expect((await request.put(`/api/2.0/${root}/MLmodel`, { data: "artifact_path: model\nflavors:\n  pytorch:\n    pytorch_version: 2.4.0\n" })).status()).toBe(200);

  await page.goto(`/experiments/${experimentId}`);
  await page.getByRole("tab", { name: "Models" }).click();
  await expect(page).toHaveURL(/tab=models/);
  const table = page.getByRole("table", { name: "Models" });
  const names = () => table.locator("tbody tr td:first-child a");
  await expect(names()).toHaveText(["epoch-3", "epoch-2", "epoch-1"]); // newest first
  await expect(table.locator("thead th")).toContainText(["Name", "Step", "Source run", "Status", "Created", "accuracy · test", "accuracy · val", "loss · val", "Params", "Tags"]);
  await expect(table.locator("tbody tr").first().locator("td")).toContainText(["epoch-3", "300", "resnet-train", "pending"]);

  await table.getByRole("button", { name: /^loss · val/ }).click();
  await expect(names()).toHaveText(["epoch-2", "epoch-3", "epoch-1"]);
  await expect(page).toHaveURL(/msort=asc(~|%7E)metrics\.loss(~|%7E)val/);

  await page.getByRole("textbox", { name: "Filter models" }).fill("params.lr = '0.01'");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(names()).toHaveText(["epoch-2", "epoch-1"]);
  await page.screenshot(shot("models-tab"));

  // The view is a link: reloading keeps the tab, sort and filter.
  await page.reload();
  await expect(names()).toHaveText(["epoch-2", "epoch-1"]);

  await names().first().click();
  await expect(page).toHaveURL(`/logged-models/${ids[1]}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("epoch-2");
  const metrics = page.getByRole("table", { name: "Metrics per dataset" });
  await expect(metrics.locator("tbody tr")).toHaveText([/test.*accuracy\s*0\.65\s*200/, /val.*accuracy\s*0\.7\s*200/, /loss\s*0\.45\s*200/]);
  await expect(page.getByRole("table", { name: "Parameters" })).toContainText("batch_size64lr0.01");
  await expect(page.getByRole("table", { name: "Tags" })).toContainText("stagecandidate");
  await expect(page.getByRole("link", { name: "resnet-train" })).toHaveAttribute("href", run.url);
  await page.screenshot(shot("model-page"));

  await page.getByRole("tab", { name: "Artifacts" }).click();
  await page.getByRole("list", { name: "Artifacts" }).getByRole("button", { name: /^MLmodel/ }).click();
  await expect(page.getByLabel("Artifact preview")).toContainText("pytorch_version: 2.4.0");
  await page.screenshot(shot("model-artifacts"));
});

test("checkpoint comparison: lines per (run, dataset), the matrix with best badges and a baseline, register the best, markers on the run's curves", async ({ page, request }) => {
  const experimentId = await createExperiment(request, uniqueName("ckpt-compare"));
  const runs = [await createRun(request, experimentId, { run_name: "bert-base", start_time: T0 }), await createRun(request, experimentId, { run_name: "bert-large", start_time: T0 + 1 })];
  const losses = [
    [1.2, 0.8, 0.55, 0.6],
    [1.0, 0.7, 0.5, 0.42],
  ];
  const checkpointIds: string[][] = [[], []];
  for (const [r, run] of runs.entries()) {
    await logSeries(request, run.runId, "train_loss", lossCurve(400, r + 1));
    for (const [i, loss] of losses[r].entries()) {
      const step = (i + 1) * 100;
      checkpointIds[r].push(
        await logCheckpoint(request, experimentId, run.runId, {
          name: `${run.runId.slice(0, 4)}-step-${step}`,
          step,
          metrics: { validation: { loss, f1: 0.9 - loss / 2 }, "held-out": { loss: loss + 0.1 } },
        }),
      );
    }
  }

  // The run page lists its checkpoints and marks them on its training curve.
  await page.goto(runs[1].url);
  const listed = page.getByRole("list", { name: "Checkpoints" }).getByRole("listitem");
  await expect(listed).toHaveCount(4);
  await expect(listed.first()).toContainText("at step 100");
  await page.getByRole("tab", { name: "Charts" }).click();
  await expectDrawn(page, "train_loss");
  await page.screenshot(shot("run-curve-markers"));

  await page.goto(`/checkpoints?runs=${runs.map((r) => r.runId).join(",")}`);
  await expect(page.getByText("8 checkpoints of 2 runs")).toBeVisible();
  // The chart starts on the first metric with a direction; the choice goes into the URL.
  await expect(page.getByRole("img", { name: "loss by checkpoint step" })).toHaveAttribute("data-rendered", /\d+/);
  await page.getByRole("combobox", { name: "Metric" }).selectOption("f1");
  await expect(page.getByRole("img", { name: "f1 by checkpoint step" })).toHaveAttribute("data-rendered", /\d+/);
  await expect(page).toHaveURL(/metric=f1/);
  await page.getByRole("combobox", { name: "Metric" }).selectOption("loss");
  await expect(page.getByRole("img", { name: "loss by checkpoint step" })).toHaveAttribute("data-rendered", /\d+/);
  await page.getByRole("heading", { name: "Metric by checkpoint step" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/output/checkpoints-lines.png" });

  const matrix = page.getByTestId("checkpoint-matrix");
  await expect(matrix.locator("thead tr").first().locator("th")).toHaveText(["Checkpoint", "held-out", "validation"]);
  await expect(matrix.locator("thead tr").nth(1).locator("th")).toHaveText(["loss↓", "f1↑", "loss↓"]);
  await expect(matrix.locator("tbody tr[data-index]")).toHaveCount(8);
  // The best of each column: the last checkpoint of bert-large (lowest loss, highest f1).
  const bestRow = matrix.locator("tbody tr[data-index]").nth(7);
  await expect(bestRow.locator("td")).toHaveText(["best0.52", "best0.69", "best0.42"]);
  await expect(matrix.getByText("best", { exact: true })).toHaveCount(3);

  // A baseline: every other cell shows its difference, coloured by the column's direction.
  await matrix.locator("tbody tr[data-index]").nth(0).getByRole("button", { name: "set as baseline" }).click();
  await expect(page).toHaveURL(new RegExp(`base=${checkpointIds[0][0]}`));
  await expect(matrix.locator("tbody tr[data-index]").nth(0)).toContainText("baseline");
  await expect(bestRow.locator("td").nth(2)).toHaveText("best0.42−0.78");
  await expect(bestRow.locator("td").nth(2).locator("span").last()).toHaveClass(/better/);
  await page.screenshot(shot("matrix"));

  // Turning a direction off removes that column's badge.
  await matrix.getByRole("button", { name: "f1 on validation: higher is better" }).click();
  await matrix.getByRole("button", { name: "f1 on validation: no direction" }).waitFor();
  await expect(matrix.getByText("best", { exact: true })).toHaveCount(2);
  await expect(page).toHaveURL(/dir=f1%3Anone|dir=f1:none/);

  // One click registers the best checkpoint of the chosen column.
  const form = page.getByRole("form", { name: "Register best checkpoint" });
  await form.getByRole("combobox", { name: "Best by" }).selectOption({ label: "loss ↓ · validation" });
  const modelName = uniqueName("bert-classifier");
  await form.getByRole("textbox", { name: "Registered model name" }).fill(modelName);
  await form.getByRole("button", { name: /^Register .*step 400/ }).click();
  await expect(form.getByRole("status")).toHaveText(`Registered ${modelName} version 1 from ${runs[1].runId.slice(0, 4)}-step-400`);
  const version = await getJson(request, `model-versions/get?name=${modelName}&version=1`);
  expect(version.model_version).toMatchObject({ source: `models:/${checkpointIds[1][3]}`, run_id: runs[1].runId, model_id: checkpointIds[1][3] });
  await page.screenshot(shot("registered"));

  // The heat colours come from the theme's variables, so they stay readable in the dark theme.
  await page.getByRole("button", { name: "Dark", exact: true }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await page.screenshot(shot("matrix-dark"));
});
