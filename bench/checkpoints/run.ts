// Checkpoint comparison benchmark (issue 14): the checkpoint × (dataset, metric) matrix for
// 200 checkpoints × 5 datasets × 10 metrics (10,000 cells) in Debian's Chromium, PostgreSQL mode.
// Seeds through the REST API as MLflow 3 clients log it — logged-models/create, runs/outputs and
// one runs/log-metric request per (checkpoint, dataset, metric) — for 4 runs of 50 checkpoints, plus
// another experiment's runs logging the same key names; no ANALYZE. Then measures:
//   render: the checkpoints.compare response received → matrix and chart drawn and the page
//   answering input (target ≤ 1 s); navigation → the same, and → the empty page, for scale
//   choosing a baseline → every cell redrawn with its delta (click → next frame)
//   checkpoints.compare alone (the tRPC query the page makes), for reference
//
//   npx next build && npm run build:rest && npm run bench:checkpoints
//
// PostgreSQL: postgres://postgres@127.0.0.1:5432/metron_b_checkpoints (METRON_BENCH_CHECKPOINTS_DATABASE_URL),
// dropped and recreated on every run. On a shared machine compare figures within one run.
import os from "node:os";
import { chromium } from "@playwright/test";
import { recreateDatabase } from "../../server/testing/test-server";
import { callMlflow, startServer } from "../search/server";

const DATABASE_URL = process.env.METRON_BENCH_CHECKPOINTS_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_b_checkpoints";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const RUNS = 4;
const CHECKPOINTS_PER_RUN = 50;
const DATASETS = ["train", "validation", "test", "ood-a", "ood-b"];
const METRICS = ["loss", "accuracy", "f1", "precision", "recall", "auc", "error_rate", "perplexity", "bleu", "latency_ms"];
const CONCURRENCY = 8;
const T0 = 1_700_000_000_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(", ")})`;
const verdict = (value: number, target: number) => (value <= target ? "OK" : "OVER TARGET");

async function main(): Promise<void> {
  console.log(`Metron checkpoint matrix benchmark — ${os.cpus().length} CPUs, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
  await recreateDatabase(DATABASE_URL);
  const server = await startServer(DATABASE_URL);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage", "--no-first-run"] });
  try {
    const started = performance.now();
    const runIds = await seedExperiment(server.baseUrl, "ckpt-bench", RUNS, CHECKPOINTS_PER_RUN);
    // Another team logs checkpoints with the same metric and dataset names.
    await seedExperiment(server.baseUrl, "ckpt-bench-other", 2, 25);
    const requests = (RUNS * CHECKPOINTS_PER_RUN + 50) * (2 + DATASETS.length * METRICS.length);
    console.log(`Seeded ${RUNS * CHECKPOINTS_PER_RUN} + 50 checkpoints × ${DATASETS.length} datasets × ${METRICS.length} metrics (${requests.toLocaleString("en")} requests) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

    const url = `${server.baseUrl}/checkpoints?runs=${runIds.join(",")}`;
    const queryUrl = `${server.baseUrl}/api/trpc/checkpoints.compare?input=${encodeURIComponent(JSON.stringify({ runIds }))}`;
    const query: number[] = [];
    for (let i = 0; i < 6; i++) {
      const t0 = performance.now();
      const res = await fetch(queryUrl);
      const body = (await res.json()) as { result: { data: { checkpoints: unknown[] } } };
      if (body.result.data.checkpoints.length !== RUNS * CHECKPOINTS_PER_RUN) throw new Error(`expected ${RUNS * CHECKPOINTS_PER_RUN} checkpoints`);
      query.push(performance.now() - t0);
    }
    console.log(`checkpoints.compare (${RUNS} runs, ${RUNS * CHECKPOINTS_PER_RUN} checkpoints, ${RUNS * CHECKPOINTS_PER_RUN * 50} values): ${fmt(query.slice(1))}; cold ${query[0].toFixed(0)} ms`);

    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.addInitScript("window.__name = (fn) => fn;");
    // The page without data (no runs chosen): what loading the page costs at this machine load.
    const shell: number[] = [];
    for (let i = 0; i < 6; i++) {
      await page.goto("about:blank");
      await page.goto(`${server.baseUrl}/checkpoints`);
      await page.getByText("No runs chosen").waitFor();
      shell.push(await page.evaluate(() => performance.now()));
    }
    const drawn: number[] = [];
    const answering: number[] = [];
    const render: number[] = [];
    for (let i = 0; i < 6; i++) {
      await page.goto("about:blank");
      await page.goto(url);
      const t = await page.evaluate(waitForMatrix, { rows: RUNS * CHECKPOINTS_PER_RUN, columns: DATASETS.length * METRICS.length });
      drawn.push(t.drawn);
      answering.push(t.answering);
      render.push(t.answering - t.dataArrived);
    }
    // The first load also fills the browser's cache with the page's scripts: reported, not counted.
    console.log(`navigation → empty /checkpoints page shown (no data; the load's share): ${fmt(shell.slice(1))}`);
    console.log(`navigation → ${RUNS * CHECKPOINTS_PER_RUN} × ${DATASETS.length * METRICS.length} matrix and chart drawn: ${fmt(drawn.slice(1))}; cold ${drawn[0].toFixed(0)} ms`);
    console.log(`  … and the page answering input: ${fmt(answering.slice(1))}`);
    console.log(`render: checkpoints.compare response received → matrix and chart drawn, page answering: ${fmt(render.slice(1))} — target ≤ 1000 ms: ${verdict(median(render.slice(1)), 1000)}`);

    const baseline: number[] = [];
    for (let i = 0; i < 5; i++) {
      const row = page.locator('[data-testid="checkpoint-matrix"] tbody tr[data-index]').nth(i * 2);
      await page.evaluate(installDeltaProbe);
      await row.getByRole("button", { name: "set as baseline" }).click();
      baseline.push(await page.evaluate(() => (window as unknown as { __deltasDone: Promise<number> }).__deltasDone));
    }
    console.log(`choosing a baseline → the drawn rows redrawn with their deltas (click → next frame): ${fmt(baseline)}`);
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(`\nLoad average after: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
}

async function seedExperiment(baseUrl: string, name: string, runs: number, checkpointsPerRun: number): Promise<string[]> {
  const { experiment_id: experimentId } = await callMlflow(baseUrl, "experiments/create", { name });
  const runIds: string[] = [];
  for (let r = 0; r < runs; r++) {
    const { run } = await callMlflow(baseUrl, "runs/create", { experiment_id: experimentId, run_name: `${name}-run-${r}`, start_time: T0 });
    runIds.push(run.info.run_id);
  }
  const jobs: (() => Promise<void>)[] = [];
  for (const [r, runId] of runIds.entries()) {
    for (let c = 0; c < checkpointsPerRun; c++) jobs.push(() => logCheckpoint(baseUrl, experimentId, runId, r, (c + 1) * 100));
  }
  await runPool(jobs, CONCURRENCY);
  return runIds;
}

/** One checkpoint as MLflow 3 logs it: the model, the run's output, then one log_metric per value. */
async function logCheckpoint(baseUrl: string, experimentId: string, runId: string, seed: number, step: number): Promise<void> {
  const { model } = await callMlflow(baseUrl, "logged-models", { experiment_id: experimentId, name: `ckpt-${step}`, source_run_id: runId, model_type: "pytorch" });
  const modelId = model.info.model_id;
  await callMlflow(baseUrl, "runs/outputs", { run_id: runId, models: [{ model_id: modelId, step }] });
  for (const [d, dataset] of DATASETS.entries()) {
    for (const [k, key] of METRICS.entries()) {
      const value = (k + 1) * Math.exp(-step / 2000) * (1 + seed * 0.03 + d * 0.02) + Math.sin(step * 0.01 + k) * 0.01;
      await callMlflow(baseUrl, "runs/log-metric", { run_id: runId, key, value, step, timestamp: T0 + step * 1000, model_id: modelId, dataset_name: dataset, dataset_digest: `${dataset}-v1` });
    }
  }
}

async function runPool(jobs: (() => Promise<void>)[], concurrency: number): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < jobs.length) await jobs[next++]();
  }));
}

/**
 * In the page: ms from navigation start until the matrix holds all its rows (virtualized: those in
 * view are drawn, each with every column) and the chart is drawn, then until a queued task runs.
 */
function waitForMatrix({ rows, columns }: { rows: number; columns: number }): Promise<{ drawn: number; answering: number; dataArrived: number }> {
  return new Promise((resolve) => {
    const check = () => {
      const table = document.querySelector('[data-testid="checkpoint-matrix"]');
      const drawnRows = table ? [...table.querySelectorAll("tbody tr[data-index]")] : [];
      const isChartDrawn = document.querySelector('[role="img"][data-rendered]') !== null;
      if (table?.getAttribute("data-rows") === String(rows) && drawnRows.length >= 15 && drawnRows.every((r) => r.querySelectorAll("td").length === columns) && isChartDrawn) {
        const drawn = performance.now();
        const channel = new MessageChannel();
        const response = performance.getEntriesByType("resource").find((e) => e.name.includes("checkpoints.compare")) as PerformanceResourceTiming | undefined;
        channel.port1.onmessage = () => resolve({ drawn, answering: performance.now(), dataArrived: response?.responseEnd ?? Number.NaN });
        channel.port2.postMessage(0);
        return;
      }
      requestAnimationFrame(check);
    };
    check();
  });
}

/** Resolves with ms from the baseline click until the frame after the matrix shows the new baseline. */
function installDeltaProbe(): void {
  const w = window as unknown as { __deltasDone: Promise<number> };
  const table = document.querySelector('[data-testid="checkpoint-matrix"]')!;
  let clickedAt = 0;
  document.addEventListener("click", () => (clickedAt = performance.now()), { capture: true, once: true });
  w.__deltasDone = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (!clickedAt) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - clickedAt)));
    });
    observer.observe(table, { subtree: true, childList: true, characterData: true });
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
