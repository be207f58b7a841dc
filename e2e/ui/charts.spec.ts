import { expect, test } from "@playwright/test";
import { chart, expectDrawn, logSeries, lossCurve, numberAttr, T0 } from "./chart-seed";
import { createExperiment, createRun, postJson, uniqueName } from "./seed";

test.use({ timezoneId: "UTC", viewport: { width: 1280, height: 900 } });
test.describe.configure({ timeout: 120_000 });

const shot = (name: string) => ({ path: `e2e/output/charts-${name}.png`, fullPage: true });

test("run page charts: a chart per metric, smoothing, x-axis switch and zoom that re-fetches, all in the URL", async ({ page, browser, request }) => {
  const experimentId = await createExperiment(request, uniqueName("charts-run"));
  const run = await createRun(request, experimentId, { run_name: "resnet-a", start_time: T0 });
  await logSeries(request, run.runId, "loss", lossCurve(3000, 7, 1700));
  await logSeries(request, run.runId, "lr", Array.from({ length: 3000 }, (_, i) => 0.1 * 0.999 ** i));
  await logSeries(request, run.runId, "val/accuracy", Array.from({ length: 30 }, (_, i) => 0.5 + i / 70));
  await postJson(request, "runs/update", { run_id: run.runId, status: "FINISHED", end_time: T0 + 3_000_000 });

  await page.goto(`${run.url}?tab=charts`);
  await expect(page.getByRole("tab", { name: "Charts" })).toHaveAttribute("aria-selected", "true");
  for (const key of ["loss", "lr", "val/accuracy"]) await expectDrawn(page, key);
  // 3000 points in at most a few hundred min/max buckets; 30 points exactly.
  expect(await numberAttr(page, "loss", "data-points")).toBeLessThan(1000);
  await expect(chart(page, "loss")).toHaveAttribute("data-exact", "false");
  await expect(chart(page, "val/accuracy")).toHaveAttribute("data-points", "30");
  await expect(chart(page, "val/accuracy")).toHaveAttribute("data-exact", "true");
  await page.screenshot(shot("run-page"));

  // Search over metric keys.
  await page.getByRole("searchbox", { name: "Search metrics" }).fill("acc");
  await expect(page.getByTestId("metric-chart")).toHaveCount(1);
  await expect(page).toHaveURL(/ck=acc/);
  await page.getByRole("searchbox", { name: "Search metrics" }).fill("");
  await expect(page.getByTestId("metric-chart")).toHaveCount(3);

  // Smoothing.
  await page.getByRole("slider", { name: "Smoothing" }).fill("0.9");
  await expect(page).toHaveURL(/cs=0\.9/);
  await expect(page.getByText("Smoothing 0.90")).toBeVisible();
  await expectDrawn(page, "loss");
  await page.screenshot(shot("smoothing"));

  // Zoom by dragging across the loss chart: the window is fetched again, at full resolution.
  const loss = chart(page, "loss");
  const before = await numberAttr(page, "loss", "data-points");
  const box = (await loss.locator("canvas").first().boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.5);
  await page.mouse.down();
  // About 4 % of the axis: ~120 steps, fewer than the chart's buckets, so the window comes back exact.
  await page.mouse.move(box.x + box.width * 0.49, box.y + box.height * 0.55, { steps: 8 });
  const zoomCalls: { path: string; input: string }[] = [];
  page.on("request", (r) => {
    if (r.url().includes("/api/trpc/")) zoomCalls.push({ path: new URL(r.url()).pathname, input: r.postData() ?? "" });
  });
  await page.mouse.up();
  await expect(page).toHaveURL(/cz=\d+(~|%7E)\d+/);
  await expect(loss).toHaveAttribute("data-exact", "true", { timeout: 15_000 });
  await expect(loss).toHaveAttribute("data-state", "ready");
  // The window of all three charts came in one charts.series call (one HTTP request, one SQL statement),
  // sent unbatched: the body is the call's input itself.
  expect(zoomCalls.map((c) => c.path)).toEqual(["/api/trpc/charts.series"]);
  const call = JSON.parse(zoomCalls[0].input) as { series: { key: string }[]; window: { min: number; max: number } };
  expect(call.series.map((s) => s.key).sort()).toEqual(["loss", "lr", "val/accuracy"]);
  const zoom = new URL(page.url()).searchParams.get("cz")!.split("~").map(Number);
  expect(call.window).toEqual({ min: zoom[0], max: zoom[1] });
  const visible = await numberAttr(page, "loss", "data-visible-points");
  // Every logged step inside the window is drawn now (the steps are 0..2999, one point each).
  expect(visible).toBe(Math.min(zoom[1], 2999) - Math.max(zoom[0], 0) + 1);
  expect(visible).toBeGreaterThan(Math.round(((zoom[1] - zoom[0]) / 3000) * before) * 2);
  // val/accuracy was logged at steps 0..29 only: its chart says so over the zoomed axis, the others do not.
  await expect(chart(page, "val/accuracy").getByText("No points in this zoom window")).toBeVisible();
  await expect(loss.getByText("No points in this zoom window")).toHaveCount(0);
  await page.getByRole("heading", { name: "resnet-a" }).hover(); // the tooltip goes
  await page.screenshot(shot("zoomed"));

  // The link reproduces the same charts in a fresh page (another browser context).
  const link = page.url();
  const fresh = await (await browser.newContext({ timezoneId: "UTC", viewport: { width: 1280, height: 900 } })).newPage();
  await fresh.goto(link);
  await expectDrawn(fresh, "loss");
  await expect(chart(fresh, "loss")).toHaveAttribute("data-visible-points", String(visible));
  await expect(fresh.getByText("Smoothing 0.90")).toBeVisible();
  await fresh.screenshot(shot("link-reproduced"));
  await fresh.context().close();

  // X axis: relative time (zoom is reset: its units were steps), then another metric.
  await page.getByRole("button", { name: "Reset zoom" }).click();
  await expect(page).not.toHaveURL(/cz=/);
  await page.getByLabel("X axis").selectOption("relative");
  await expect(page).toHaveURL(/cx=relative/);
  await expectDrawn(page, "loss");
  expect(await numberAttr(page, "loss", "data-points")).toBeGreaterThan(100);
  await page.screenshot(shot("x-relative"));
  await page.getByLabel("X axis").selectOption("m:lr");
  // The value, not its spelling: nuqs writes ":" as is, URLSearchParams wrote "%3A"; both read back the same.
  await expect.poll(() => new URL(page.url()).searchParams.get("cx")).toBe("m:lr");
  await expectDrawn(page, "loss");
  expect(await numberAttr(page, "loss", "data-points")).toBeGreaterThan(100);
  await page.screenshot(shot("x-metric"));

  // Zoom against lr: the window (in lr's values) is fetched again, by the steps where lr took them.
  const coarse = await numberAttr(page, "loss", "data-points");
  const metricBox = (await loss.locator("canvas").first().boundingBox())!;
  await page.mouse.move(metricBox.x + metricBox.width * 0.45, metricBox.y + metricBox.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(metricBox.x + metricBox.width * 0.49, metricBox.y + metricBox.height * 0.55, { steps: 8 });
  await page.mouse.up();
  await expect(page).toHaveURL(/cz=0\.\d+(~|%7E)0\.\d+/);
  await expect(loss).toHaveAttribute("data-exact", "true", { timeout: 15_000 });
  await expect(loss).toHaveAttribute("data-state", "ready");
  const [low, high] = new URL(page.url()).searchParams.get("cz")!.split("~").map(Number);
  // lr = 0.1 · 0.999^step: every step whose lr lies in the window is drawn, one point each.
  const steps = Array.from({ length: 3000 }, (_, i) => 0.1 * 0.999 ** i).filter((lr) => lr >= low && lr <= high).length;
  expect(steps).toBeGreaterThan(20);
  await expect(loss).toHaveAttribute("data-visible-points", String(steps));
  expect(steps).toBeGreaterThan(Math.round(((high - low) / (0.1 - 0.1 * 0.999 ** 2999)) * coarse) * 2);
  await page.getByRole("heading", { name: "resnet-a" }).hover();
  await page.screenshot(shot("x-metric-zoomed"));
});

test("a running run's charts append new points without re-reading the history", async ({ page, request }) => {
  const experimentId = await createExperiment(request, uniqueName("charts-live"));
  const run = await createRun(request, experimentId, { run_name: "live", start_time: T0 });
  await logSeries(request, run.runId, "loss", lossCurve(200, 3));
  const windows: unknown[] = [];
  page.on("request", (req) => {
    if (req.url().includes("charts.series") && req.method() === "POST") windows.push(...Object.values(JSON.parse(req.postData() ?? "{}")).map((i) => (i as { window?: unknown }).window));
  });
  await page.goto(`${run.url}?tab=charts`);
  await expectDrawn(page, "loss");
  await expect(chart(page, "loss")).toHaveAttribute("data-points", "200");
  await logSeries(request, run.runId, "loss", lossCurve(50, 4), 200);
  await expect(chart(page, "loss")).toHaveAttribute("data-points", "250", { timeout: 15_000 });
  // The tail was asked for from just above the last step held: not the whole history again.
  expect(windows).toContainEqual({ min: 200 });
});

test("experiment page: charts of the runs shown in the table, or of the selected ones", async ({ page, request }) => {
  const experimentId = await createExperiment(request, uniqueName("charts-exp"));
  for (const [i, name] of ["sgd-0.1", "adam-0.01", "adam-0.001"].entries()) {
    const run = await createRun(request, experimentId, { run_name: name, start_time: T0 + i });
    await logSeries(request, run.runId, "loss", lossCurve(800, i + 2).map((v) => v * (1 + i * 0.3)));
    await logSeries(request, run.runId, "accuracy", Array.from({ length: 40 }, (_, s) => 0.5 + (s / 80) * (1 - i * 0.1)));
    await postJson(request, "runs/update", { run_id: run.runId, status: "FINISHED", end_time: T0 + 900_000 });
  }
  await page.goto(`/experiments/${experimentId}`);
  await page.getByRole("checkbox", { name: "Select sgd-0.1" }).check();
  await page.getByRole("checkbox", { name: "Select adam-0.01" }).check();
  await page.getByRole("button", { name: "Charts" }).click();
  await expect(page).toHaveURL(/display=charts/);
  await expect(page.getByRole("status").filter({ hasText: "2 runs (selected)" })).toBeVisible();
  await expectDrawn(page, "loss");
  await expectDrawn(page, "accuracy");
  await expect(chart(page, "accuracy")).toHaveAttribute("data-points", "80");
  await page.screenshot(shot("experiment-selected"));

  await page.getByRole("button", { name: "Clear selection" }).click();
  await expect(page.getByRole("status").filter({ hasText: "3 runs (shown in the table)" })).toBeVisible();
  await expect(chart(page, "accuracy")).toHaveAttribute("data-points", "120");
  await page.getByLabel("Log y").check();
  await page.getByLabel("Ignore outliers").check();
  await expect(page).toHaveURL(/clog=1.*cout=1|cout=1.*clog=1/);
  await expect(page).toHaveURL(/display=charts/);
  await expectDrawn(page, "loss");
  await page.screenshot(shot("experiment-all"));

  // The dark theme redraws the charts in its colours.
  const drawsBefore = Number(await chart(page, "loss").locator("[data-rendered]").getAttribute("data-rendered"));
  await page.getByRole("button", { name: "Dark" }).click();
  await expect.poll(async () => Number(await chart(page, "loss").locator("[data-rendered]").getAttribute("data-rendered"))).toBeGreaterThan(drawsBefore);
  await page.screenshot(shot("experiment-dark"));

  // The legend toggles a run: gone from the chart and its tooltip, back on a second click.
  const loss = chart(page, "loss");
  const toggle = loss.getByRole("button", { name: "sgd-0.1" });
  const lossBox = (await loss.locator("canvas").first().boundingBox())!;
  const hoverPlot = () => page.mouse.move(lossBox.x + lossBox.width * 0.5, lossBox.y + lossBox.height * 0.5);
  await hoverPlot();
  await expect(loss.getByText(/^sgd-0\.1: /)).toBeVisible();
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await hoverPlot();
  await expect(loss.getByText(/^adam-0\.01: /)).toBeVisible();
  await expect(loss.getByText(/^sgd-0\.1: /)).toHaveCount(0);
  await page.screenshot(shot("legend-toggled"));
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await hoverPlot();
  await expect(loss.getByText(/^sgd-0\.1: /)).toBeVisible();
});

test("thousands of metric keys: only the charts on screen are mounted and fetched; search finds any key", async ({ page, request }) => {
  const experimentId = await createExperiment(request, uniqueName("charts-keys"));
  const run = await createRun(request, experimentId, { run_name: "many-keys", start_time: T0 });
  const keys = Array.from({ length: 2000 }, (_, i) => `layer_${String(i).padStart(4, "0")}/grad_norm`);
  for (let start = 0; start < keys.length; start += 500) {
    const metrics = keys.slice(start, start + 500).flatMap((key, k) => [0, 1].map((step) => ({ key, value: (start + k) / 1000 + step, step, timestamp: T0 + step })));
    await postJson(request, "runs/log-batch", { run_id: run.runId, metrics });
  }
  await postJson(request, "runs/update", { run_id: run.runId, status: "FINISHED", end_time: T0 + 10_000 }); // no live polling
  let seriesRequested = 0;
  page.on("request", (req) => {
    if (req.url().includes("charts.series") && req.method() === "POST") seriesRequested += Object.keys(JSON.parse(req.postData() ?? "{}")).length;
  });
  await page.goto(`${run.url}?tab=charts`);
  await expect(page.getByRole("status").filter({ hasText: "2000 charts" })).toBeVisible();
  await expectDrawn(page, "layer_0000/grad_norm");
  const mounted = await page.getByTestId("metric-chart").count();
  expect(mounted).toBeGreaterThan(0);
  expect(mounted).toBeLessThanOrEqual(12);
  expect(seriesRequested).toBeLessThanOrEqual(12);

  await page.getByRole("searchbox", { name: "Search metrics" }).fill("layer_1999");
  await expectDrawn(page, "layer_1999/grad_norm");
  await expect(page.getByTestId("metric-chart")).toHaveCount(1);
  await expect(chart(page, "layer_1999/grad_norm")).toHaveAttribute("data-points", "2");
  await page.screenshot(shot("many-keys"));
});
