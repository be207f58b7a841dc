import { expect, test, type Page } from "@playwright/test";
import { T0 } from "./chart-seed";
import { createExperiment, createRun, finishRun, uniqueName } from "./seed";
import { logSystemRun } from "./system-seed";

test.use({ timezoneId: "UTC", viewport: { width: 1400, height: 1000 } });
test.describe.configure({ timeout: 180_000 });

const shot = (name: string) => ({ path: `e2e/output/system-${name}.png`, fullPage: true });
const HOUR = 3_600_000;
const systemChart = (page: Page, id: string) => page.locator(`[data-testid="system-chart"][data-chart="${id}"]`);

async function expectChartDrawn(page: Page, id: string, lines: number) {
  const card = systemChart(page, id);
  await expect(card).toHaveAttribute("data-state", "ready", { timeout: 30_000 });
  await expect(card).toHaveAttribute("data-lines", String(lines));
  await expect(card.locator("[data-rendered]")).toBeVisible();
}

// Two nodes with two GPUs each for one hour at 15 s: node-b's GPU 1 sits at 2 % for 20 minutes.
async function seedTwoNodeRun(request: Parameters<typeof createRun>[0], experimentId: string) {
  const run = await createRun(request, experimentId, { run_name: "ddp-2x2", start_time: T0 });
  await logSystemRun(
    request,
    run.runId,
    T0,
    240,
    [
      { node: "node-a", cpu: () => 60, gpus: [() => 90, () => 80], gpuWatts: 300 },
      { node: "node-b", cpu: () => 40, gpus: [() => 70, (s) => (s >= 80 && s < 160 ? 2 : 60)], gpuWatts: 300 },
    ],
    (s) => 2 * Math.exp(-s / 90) + 0.1,
  );
  await finishRun(request, run.runId, T0 + HOUR);
  return run;
}

test("run page System tab: two nodes × two GPUs by the collector's names, summary, idle warning, shared cursor", async ({ page, request }) => {
  const experimentId = await createExperiment(request, uniqueName("system"));
  const run = await seedTwoNodeRun(request, experimentId);

  await page.goto(`${run.url}?tab=system`);
  await expect(page.getByRole("tab", { name: "System" })).toHaveAttribute("aria-selected", "true");
  const nodes = page.getByTestId("system-node");
  await expect(nodes.locator("h2")).toHaveText(["Node node-a · 2 GPUs", "Node node-b · 2 GPUs"]);
  for (const node of ["node-a", "node-b"]) {
    for (const [chart, lines] of [["cpu", 1], ["memory", 1], ["disk", 1], ["network", 2], ["gpu-utilization", 2], ["gpu-memory", 2], ["gpu-power", 2]] as const) {
      await expectChartDrawn(page, `${node}:${chart}`, lines);
    }
  }
  await expectChartDrawn(page, "training", 1);
  // 240 samples each: fewer than the buckets asked, so every point is drawn (network: rates between them).
  await expect(systemChart(page, "node-b:gpu-utilization")).toHaveAttribute("data-points", "480");
  await expect(systemChart(page, "node-a:network")).toHaveAttribute("data-points", "478");

  const summary = page.getByTestId("system-summary");
  const fact = (name: string) => summary.locator("div", { has: page.locator(`dt:text-is("${name}")`) }).locator("dd");
  await expect(fact("Duration")).toHaveText("1h 00m 00s");
  await expect(fact("CPU utilization (mean / max)")).toHaveText("50.0 % / 60.0 %");
  // (90 + 80 + 70 + (160·60 + 80·2)/240) / 4 = 70.17
  await expect(fact("GPU utilization (mean / max)")).toHaveText("70.2 % / 90.0 %");
  await expect(fact("GPUs")).toHaveText("4");
  // Each GPU observed 239 intervals + 1 = one hour; 300 W each.
  await expect(fact("GPU-hours")).toHaveText("4.00");
  await expect(fact("GPU energy")).toHaveText("1.20 kWh");
  // Steps 80..159: the 80 idle samples span 79 × 15 s = 19 min 45 s.
  await expect(page.getByTestId("gpu-idle-warning")).toHaveText("Idle GPUs: node-b GPU 1 under 10 % for 19m 45s (longest 19m 45s)");
  await page.screenshot(shot("run-tab"));

  // One cursor for every chart: hovering the training chart shows the same moment on the GPU charts.
  const training = systemChart(page, "training").locator("canvas").first();
  const box = (await training.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  const gpuTooltip = systemChart(page, "node-b:gpu-utilization").locator("div", { hasText: /GPU 1: 2 %/ }).last();
  await expect(gpuTooltip).toBeVisible();
  await expect(systemChart(page, "node-a:gpu-power").locator("div", { hasText: /GPU 0: 300 W/ }).last()).toBeVisible();
  await page.screenshot(shot("shared-cursor"));

  // The training metric is chosen in the URL; "none" hides its chart.
  await page.getByLabel("Training metric").selectOption("-");
  await expect(page).toHaveURL(/sk=-/);
  await expect(systemChart(page, "training")).toHaveCount(0);

  await page.emulateMedia({ colorScheme: "dark" });
  await expectChartDrawn(page, "node-b:gpu-utilization", 2);
  await page.screenshot(shot("run-tab-dark"));
});

test("a run without GPUs, and one without system metrics", async ({ page, request }) => {
  const experimentId = await createExperiment(request, uniqueName("system-cpu"));
  const cpuOnly = await createRun(request, experimentId, { run_name: "cpu-only", start_time: T0 });
  await logSystemRun(request, cpuOnly.runId, T0, 30, [{ node: "", cpu: (s) => s, gpus: [], gpuWatts: 0 }]);
  await finishRun(request, cpuOnly.runId, T0 + 300_000);
  await page.goto(`${cpuOnly.url}?tab=system`);
  await expect(page.getByTestId("system-node").locator("h2")).toHaveText(["This machine"]);
  await expectChartDrawn(page, ":cpu", 1);
  await expect(systemChart(page, ":gpu-utilization")).toHaveCount(0);
  const summary = page.getByTestId("system-summary");
  await expect(summary.locator("div", { has: page.locator('dt:text-is("CPU utilization (mean / max)")') }).locator("dd")).toHaveText("14.5 % / 29.0 %");
  await expect(summary.locator("div", { has: page.locator('dt:text-is("GPU-hours")') }).locator("dd")).toHaveText("—");
  await expect(page.getByTestId("gpu-idle-warning")).toHaveCount(0);

  const bare = await createRun(request, experimentId, { run_name: "bare" });
  await page.goto(`${bare.url}?tab=system`);
  await expect(page.getByText("This run has no system metrics.")).toBeVisible();
});

test("compare page System view: GPU utilization of each run and a summary row per run", async ({ page, request }) => {
  const experimentId = await createExperiment(request, uniqueName("system-cmp"));
  const big = await seedTwoNodeRun(request, experimentId);
  const small = await createRun(request, experimentId, { run_name: "single-gpu", start_time: T0 });
  await logSystemRun(request, small.runId, T0, 120, [{ node: "", cpu: () => 20, gpus: [() => 30], gpuWatts: 150 }]);
  await finishRun(request, small.runId, T0 + HOUR / 2);

  await page.goto(`/compare?runs=${big.runId},${small.runId}&view=system`);
  await expect(page.getByRole("tab", { name: "System" })).toHaveAttribute("aria-selected", "true");
  await expectChartDrawn(page, "compare:gpu-utilization", 5);
  const rows = page.getByRole("table", { name: "System summary per run" }).locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0).locator("td")).toHaveText(["ddp-2x2", "1h 00m 00s", "4", "70.2 %", "90.0 %", "4.00", "1.20 kWh", "50.0 %", "node-b GPU 1 (19m 45s)"]);
  await expect(rows.nth(1).locator("td")).toHaveText(["single-gpu", "30m 00s", "1", "30.0 %", "30.0 %", "0.50", "75.0 Wh", "20.0 %", "none"]);
  await page.screenshot(shot("compare"));
  await rows.nth(1).getByRole("link", { name: "single-gpu" }).click();
  await expect(page).toHaveURL(new RegExp(`/runs/${small.runId}\\?tab=system`));
  await expect(page.getByTestId("system-tab")).toBeVisible();
});
