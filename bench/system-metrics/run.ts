// System tab benchmark (issue 14, item 3), PostgreSQL mode. Seeds through the REST API, as the
// collector sends it (one log-batch per sample window), a 7-day run sampled every 10 s on one
// machine with 8 GPUs — 8 host + 40 GPU series of 60,480 points (~2.9M points) plus a training
// loss — and, first, another experiment's 1-day run logging the same key names. No ANALYZE. Then
// drives Debian's Chromium: navigation to ?tab=system → every system chart drawn and the summary
// filled (target ≤ 1.5 s), against the same run's Overview tab as a baseline, and times the two
// procedures the tab calls (charts.series, systemMetrics.aggregates) from Node.
//
//   npx next build && npm run bench:system-metrics
//
// Database: postgres://postgres@127.0.0.1:5432/metron_b_system_metrics (METRON_BENCH_SYSTEM_DATABASE_URL),
// recreated on every run and dropped at the end. On a shared machine compare figures within one run.
// While developing: METRON_BENCH_SYSTEM_KEEP=1 keeps the database, METRON_BENCH_SYSTEM_REUSE=1 then
// measures it again without seeding (not for reported figures: those need freshly written data).
const KEEP = process.env.METRON_BENCH_SYSTEM_KEEP === "1";
const REUSE = process.env.METRON_BENCH_SYSTEM_REUSE === "1";
import os from "node:os";
import { chromium } from "@playwright/test";
import { dropDatabase, recreateDatabase } from "../../server/testing/test-server";
import { callMlflow, startServer } from "../search/server";

const DATABASE_URL = process.env.METRON_BENCH_SYSTEM_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_b_system_metrics";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const SAMPLE_MS = 10_000;
const DAY_SAMPLES = 8_640;
const GPUS = 8;
const SAMPLES_PER_REQUEST = 20; // 20 samples × 49 keys ≈ 1,000 points, the log-batch limit
const T0 = 1_700_000_000_000;
const TARGET_MS = 1_500;

const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" ");
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(", ")})`;

function sample(step: number): Record<string, number> {
  const hour = (step * SAMPLE_MS) / 3_600_000;
  const out: Record<string, number> = {
    "system/cpu_utilization_percentage": 35 + 20 * Math.sin(hour),
    "system/system_memory_usage_megabytes": 180_000 + (step % 500),
    "system/system_memory_usage_percentage": 70 + (step % 500) / 100,
    "system/disk_usage_megabytes": 1_000_000 + step,
    "system/disk_usage_percentage": 40 + step / 60_480,
    "system/disk_available_megabytes": 1_500_000 - step,
    "system/network_receive_megabytes": step * 120,
    "system/network_transmit_megabytes": step * 30,
  };
  for (let g = 0; g < GPUS; g++) {
    // Every GPU idles for an hour each day (data loading stall), at its own time.
    const idle = Math.floor(hour + g) % 24 === 0;
    out[`system/gpu_${g}_utilization_percentage`] = idle ? 1 : 85 + ((step + g) % 15);
    out[`system/gpu_${g}_memory_usage_megabytes`] = 60_000 + g * 100;
    out[`system/gpu_${g}_memory_usage_percentage`] = 75 + g;
    out[`system/gpu_${g}_power_usage_watts`] = idle ? 90 : 600 + (step % 50);
    out[`system/gpu_${g}_power_usage_percentage`] = idle ? 13 : 86;
  }
  return out;
}

async function logSystemRun(baseUrl: string, experimentId: string, name: string, days: number): Promise<string> {
  const samples = days * DAY_SAMPLES;
  const { run } = await callMlflow(baseUrl, "runs/create", { experiment_id: experimentId, run_name: name, start_time: T0 });
  const runId = run.info.run_id;
  const windows = Array.from({ length: Math.ceil(samples / SAMPLES_PER_REQUEST) }, (_, w) => w * SAMPLES_PER_REQUEST);
  let next = 0;
  // Two clients at once (the machine has two cores): the collector and the training script.
  const worker = async () => {
    while (next < windows.length) {
      const first = windows[next++];
      const metrics: { key: string; value: number; step: number; timestamp: number }[] = [];
      for (let step = first; step < Math.min(first + SAMPLES_PER_REQUEST, samples); step++) {
        const timestamp = T0 + step * SAMPLE_MS;
        for (const [key, value] of Object.entries(sample(step))) metrics.push({ key, value, step, timestamp });
        metrics.push({ key: "loss", value: 2 * Math.exp(-step / 20_000) + 0.1, step, timestamp });
      }
      await callMlflow(baseUrl, "runs/log-batch", { run_id: runId, metrics });
    }
  };
  await Promise.all([worker(), worker()]);
  await callMlflow(baseUrl, "runs/update", { run_id: runId, status: "FINISHED", end_time: T0 + samples * SAMPLE_MS });
  return runId;
}

/** In the page: ms from navigation start until every system chart is drawn, then until the summary's averages are filled. */
function waitForSystemTab(): Promise<{ drawn: number; summary: number }> {
  return new Promise((resolve) => {
    let drawn: number | undefined;
    const check = () => {
      const cards = [...document.querySelectorAll('[data-testid="system-chart"]')];
      if (drawn === undefined && cards.length > 0 && cards.every((c) => c.getAttribute("data-state") === "ready" && c.querySelector("[data-rendered]"))) drawn = performance.now();
      const summary = document.querySelector('[data-testid="system-summary"]')?.textContent ?? "";
      if (drawn !== undefined && /GPU-hours\d/.test(summary)) return resolve({ drawn, summary: performance.now() });
      requestAnimationFrame(check);
    };
    check();
  });
}

function waitForOverview(): Promise<number> {
  return new Promise((resolve) => {
    const check = () => (document.querySelector('[role="tabpanel"]')?.textContent?.includes("Run ID") ? resolve(performance.now()) : requestAnimationFrame(check));
    check();
  });
}

/** One HTTP batch of charts.series calls, as the page sends its queries (8 series each). */
async function timeSeriesBatch(baseUrl: string, chunks: unknown[][]): Promise<number> {
  const t0 = performance.now();
  const body = Object.fromEntries(chunks.map((series, i) => [i, { series, x: "time", buckets: 300 }]));
  const res = await fetch(`${baseUrl}/api/trpc/${chunks.map(() => "charts.series").join(",")}?batch=1`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  await res.text();
  if (!res.ok) throw new Error(`charts.series batch answered ${res.status}`);
  return performance.now() - t0;
}

async function timeTrpc(baseUrl: string, path: string, input: unknown): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${baseUrl}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  await res.text();
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return performance.now() - t0;
}

async function seed(baseUrl: string): Promise<{ experimentId: string; runId: string }> {
  const started = performance.now();
  const { experiment_id: other } = await callMlflow(baseUrl, "experiments/create", { name: "system-bench-other-team" });
  await logSystemRun(baseUrl, other, "one-day", 1);
  const { experiment_id: experimentId } = await callMlflow(baseUrl, "experiments/create", { name: "system-bench" });
  const runId = await logSystemRun(baseUrl, experimentId, "seven-days-8-gpus", 7);
  console.log(`Seeded ${(DAY_SAMPLES * 49).toLocaleString("en")} points (1-day run, same keys, other experiment) + ${(7 * DAY_SAMPLES * 49).toLocaleString("en")} points (7 days × 8 GPUs: ${(7 * DAY_SAMPLES).toLocaleString("en")} per series) through log-batch in ${((performance.now() - started) / 1000).toFixed(1)} s; load ${load()}\n`);
  return { experimentId, runId };
}

async function findSeeded(baseUrl: string): Promise<{ experimentId: string; runId: string }> {
  const res = await fetch(`${baseUrl}/api/2.0/mlflow/experiments/get-by-name?experiment_name=system-bench`);
  const experimentId: string = (await res.json()).experiment.experiment_id;
  const { runs } = await callMlflow(baseUrl, "runs/search", { experiment_ids: [experimentId] });
  console.log("Reusing the seeded database (figures not for reporting)\n");
  return { experimentId, runId: runs[0].info.run_id };
}

async function main(): Promise<void> {
  console.log(`Metron System tab benchmark — ${os.cpus().length} CPUs, Node ${process.version}, load average ${load()}\n`);
  if (!REUSE) await recreateDatabase(DATABASE_URL);
  const server = await startServer(DATABASE_URL);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage", "--no-first-run"] });
  try {
    const { experimentId, runId } = REUSE ? await findSeeded(server.baseUrl) : await seed(server.baseUrl);

    const page = await browser.newPage({ viewport: { width: 1600, height: 1200 } });
    await page.addInitScript("window.__name = (fn) => fn;");
    const runUrl = `${server.baseUrl}/experiments/${experimentId}/runs/${runId}`;
    const system: number[] = [];
    const summaryFilled: number[] = [];
    const overview: number[] = [];
    for (let i = 0; i < 6; i++) {
      await page.goto("about:blank");
      await page.goto(`${runUrl}?tab=overview`);
      overview.push(await page.evaluate(waitForOverview));
      await page.goto("about:blank");
      await page.goto(`${runUrl}?tab=system`);
      const t = await page.evaluate(waitForSystemTab);
      system.push(t.drawn);
      summaryFilled.push(t.summary);
    }
    const charts = await page.locator('[data-testid="system-chart"]').count();
    const drawnPoints = await page.locator('[data-testid="system-chart"]').evaluateAll((cards) => cards.reduce((n, c) => n + Number(c.getAttribute("data-points")), 0));
    const warning = (await page.getByTestId("gpu-idle-warning").textContent()) ?? "(no idle warning)";
    await page.screenshot({ path: "e2e/output/bench-system-tab.png", fullPage: true });
    // The first load also fills the browser's cache with the page's scripts: reported, not counted.
    console.log(`System tab, ${charts} charts (${drawnPoints.toLocaleString("en")} points drawn), navigation → every chart drawn: ${fmt(system.slice(1))}; cold ${system[0].toFixed(0)} ms — target ≤ ${TARGET_MS} ms: ${median(system.slice(1)) <= TARGET_MS ? "OK" : "OVER TARGET"}`);
    console.log(`    … and the summary card's averages (SQL over every CPU/GPU point) filled: ${fmt(summaryFilled.slice(1))}`);
    console.log(`Baseline, the same run's Overview tab drawn: ${fmt(overview.slice(1))} → System tab / Overview = ${(median(system.slice(1)) / median(overview.slice(1))).toFixed(2)}`);
    console.log(`Idle warning shown: ${warning.slice(0, 160)}…`);

    // What the tab asks for: the loss, CPU, memory %, disk %, network in and out, and per GPU utilization, memory % and power.
    const charted = /^(loss|system\/(cpu_utilization|system_memory_usage|disk_usage)_percentage|system\/network_.*|system\/gpu_\d+_(utilization_percentage|memory_usage_percentage|power_usage_watts))$/;
    const series = ["loss", ...Object.keys(sample(0))].filter((k) => charted.test(k)).map((key) => ({ runId, key }));
    const bucketTimes: number[] = [];
    const splitTimes: number[] = [];
    const aggregateTimes: number[] = [];
    const chunks = Array.from({ length: Math.ceil(series.length / 8) }, (_, i) => series.slice(i * 8, i * 8 + 8));
    for (let i = 0; i < 5; i++) {
      bucketTimes.push(await timeTrpc(server.baseUrl, "charts.series", { series, x: "time", buckets: 300 }));
      splitTimes.push(await timeSeriesBatch(server.baseUrl, chunks));
      aggregateTimes.push(await timeTrpc(server.baseUrl, "systemMetrics.aggregates", { runIds: [runId] }));
    }
    console.log(`Server alone: charts.series, ${series.length} series × 300 buckets on wall time, one query: ${fmt(bucketTimes)}`);
    console.log(`Server alone: the same as the tab asks it, ${chunks.length} queries of ≤ 8 series in one HTTP batch: ${fmt(splitTimes)}`);
    console.log(`Server alone: systemMetrics.aggregates (CPU + 8 × GPU utilization and power, ${(17 * 7 * DAY_SAMPLES).toLocaleString("en")} points aggregated): ${fmt(aggregateTimes)}`);
  } finally {
    await browser.close();
    await server.stop();
    if (!KEEP) await dropDatabase(DATABASE_URL);
  }
  console.log(`\nLoad average after: ${load()}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
