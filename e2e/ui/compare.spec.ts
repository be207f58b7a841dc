import { expect, test } from "@playwright/test";
import { expectDrawn, logSeries, lossCurve, T0 } from "./chart-seed";
import { createExperiment, createRun, postJson, uniqueName } from "./seed";

test.use({ timezoneId: "UTC", viewport: { width: 1280, height: 900 } });
test.describe.configure({ timeout: 120_000 });

const shot = (name: string) => ({ path: `e2e/output/compare-${name}.png`, fullPage: true });

test("compare view: runs of two experiments side by side, only differences, baseline, charts, parallel coordinates, scatter", async ({ page, request }) => {
  const expA = await createExperiment(request, uniqueName("cmp-vision"));
  const expB = await createExperiment(request, uniqueName("cmp-vision-2"));
  const specs = [
    { exp: expA, name: "sgd-0.1", lr: "0.1", optimizer: "sgd", loss: 0.42, acc: 0.81 },
    { exp: expA, name: "adam-0.01", lr: "0.01", optimizer: "adam", loss: 0.3, acc: 0.88 },
    { exp: expB, name: "adam-0.001", lr: "0.001", optimizer: "adam", loss: 0.35, acc: 0.86 },
  ];
  const ids: string[] = [];
  for (const [i, s] of specs.entries()) {
    const run = await createRun(request, s.exp, { run_name: s.name, start_time: T0 + i });
    ids.push(run.runId);
    await postJson(request, "runs/log-batch", {
      run_id: run.runId,
      params: [
        { key: "lr", value: s.lr },
        { key: "optimizer", value: s.optimizer },
        { key: "epochs", value: "10" },
      ],
      tags: [{ key: "team", value: "vision" }],
    });
    await logSeries(request, run.runId, "loss", [...lossCurve(99, i + 1), s.loss]);
    await logSeries(request, run.runId, "accuracy", [0.5, s.acc]);
    await postJson(request, "runs/update", { run_id: run.runId, status: "FINISHED", end_time: T0 + 60_000 });
  }

  await page.goto(`/compare?runs=${ids.join(",")}`);
  await expect(page.getByRole("heading", { name: "Compare 3 runs" })).toBeVisible();
  const table = page.getByTestId("diff-table");
  const row = (field: string) => table.locator(`[data-field="${field}"] [role="cell"]`);
  await expect(row("p.lr")).toHaveText(["0.1", "0.01", "0.001"]);
  await expect(row("m.accuracy")).toHaveText(["0.81", "0.88", "0.86"]);
  await expect(row("m.loss@min")).not.toContainText(["—"]);
  await expect(table.locator('[data-field="t.team"]')).toBeVisible();
  await page.screenshot(shot("diff"));

  await page.getByLabel("Only differences").check();
  await expect(page).toHaveURL(/diff=1/);
  await expect(table.locator('[data-field="t.team"]')).toHaveCount(0);
  await expect(table.locator('[data-field="p.epochs"]')).toHaveCount(0);
  await expect(table.locator('[data-field="p.optimizer"]')).toBeVisible();

  await page.getByRole("button", { name: "Use adam-0.01 as baseline" }).click();
  await expect(page).toHaveURL(new RegExp(`base=${ids[1]}`));
  await expect(row("p.lr")).toHaveText(["0.01", "0.1", "0.001"]);
  // adam-0.001 shares the baseline's optimizer: not marked; sgd-0.1 differs: marked.
  await expect(row("p.optimizer").nth(1)).toHaveClass(/changed/);
  await expect(row("p.optimizer").nth(2)).not.toHaveClass(/changed/);
  await page.screenshot(shot("diff-only"));

  await page.getByRole("tab", { name: /Charts/ }).click();
  await expectDrawn(page, "loss");
  await page.screenshot(shot("charts"));

  await page.getByRole("tab", { name: "Parallel coordinates" }).click();
  const parallel = page.getByTestId("parallel-plot");
  await expect(parallel).toHaveAttribute("data-axes", "4"); // lr, optimizer, accuracy, loss
  await expect(parallel.locator("[data-rendered]")).toBeVisible();
  await page.getByRole("group", { name: "Axes" }).getByLabel("epochs").check();
  await expect(parallel).toHaveAttribute("data-axes", "5");
  await expect(page).toHaveURL(/axes=/);
  await page.screenshot(shot("parallel"));

  await page.getByRole("tab", { name: "Scatter" }).click();
  await page.getByLabel("X axis").selectOption("p.lr");
  await page.getByLabel("Y axis").selectOption("m.loss");
  await page.getByLabel("Log x").check();
  const scatter = page.getByTestId("scatter-plot");
  await expect(scatter).toHaveAttribute("data-dots", "3");
  await expect(scatter.locator("[data-rendered]")).toBeVisible();
  await expect(page).toHaveURL(/slx=1/);
  await page.screenshot(shot("scatter"));
  // The dark theme: the diff's highlights and the plots read on the dark background too.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.getByRole("tab", { name: "Diff" }).click();
  await expect(page.locator("html")).toHaveCSS("color-scheme", "dark");
  await page.screenshot(shot("diff-dark"));
});

test("the runs table's Compare button opens the selected runs", async ({ page, request }) => {
  const exp = await createExperiment(request, uniqueName("cmp-button"));
  for (const name of ["one", "two", "three"]) await createRun(request, exp, { run_name: name, start_time: T0 });
  await page.goto(`/experiments/${exp}`);
  await page.getByRole("checkbox", { name: "Select one" }).check();
  await page.getByRole("checkbox", { name: "Select three" }).check();
  await page.getByRole("link", { name: "Compare" }).click();
  await expect(page).toHaveURL(/\/compare\?runs=[0-9a-f]{32},[0-9a-f]{32}$/);
  await expect(page.getByRole("heading", { name: "Compare 2 runs" })).toBeVisible();
});
