// Charts and compare UI benchmark (issue 13, parts b–d), PostgreSQL mode. Seeds, through the REST
// API as clients would, an experiment of 10 runs × 10 metric keys × 10,000 steps (1,000,000 points),
// a second experiment logging the same key names, and 500 sweep runs; starts the built server and
// drives Debian's Chromium:
//   (b) experiment page, Charts view, 10 charts × 10 runs on screen: navigation → every chart drawn
//       and the page answering input (target ≤ 1.5 s); a drag zoom → every chart re-fetched at the
//       finer window and redrawn (target ≤ 300 ms, counted from mouse-up)
//   (c) /compare of 500 runs: navigation → diff table drawn (target ≤ 2 s)
//   (d) the server's RSS before and during (b)
//
//   npx next build && npm run bench:charts-ui
//
// PostgreSQL: postgres://postgres@127.0.0.1:5432/metron_b_charts_ui (METRON_BENCH_CHARTS_UI_DATABASE_URL),
// dropped and recreated on every run (METRON_BENCH_REUSE_SEED=1: kept, with what the last run seeded). On a shared machine compare figures within one run:
// METRON_BENCH_BASELINE_ROOT=<another built checkout> times its server in the same rounds (b), alternating.
import fs from "node:fs";
import os from "node:os";
import { chromium, type Page } from "@playwright/test";
import { recreateDatabase } from "../../server/testing/test-server";
import { callMlflow, startServer } from "../search/server";
import { BASELINE_ROOT, startBaselineServer } from "./baseline";
import { dragZoom, waitForChartsDrawn, zoomRequestTiming } from "./page-probes";

const DATABASE_URL = process.env.METRON_BENCH_CHARTS_UI_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_b_charts_ui";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const RUNS = 10;
const KEYS = ["loss", "lr", "accuracy", "val/loss", "val/accuracy", "grad_norm", "throughput", "gpu_util", "memory", "epoch_time"];
const STEPS = 10_000;
const SWEEP_RUNS = 500;
const T0 = 1_700_000_000_000;

const ZOOMS = Number(process.env.METRON_BENCH_ZOOMS ?? 5);
/** Reuse the database the last run seeded (the figures do not depend on a fresh one; seeding takes minutes). */
const REUSE = process.env.METRON_BENCH_REUSE_SEED === "1";
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(", ")})`;
const verdict = (value: number, target: number) => (value <= target ? "OK" : "OVER TARGET");
const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;

async function main(): Promise<void> {
  console.log(`Metron charts/compare UI benchmark — ${os.cpus().length} CPUs, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
  if (!REUSE) await recreateDatabase(DATABASE_URL);
  const server = await startServer(DATABASE_URL);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage", "--no-first-run"] });
  try {
    const started = performance.now();
    const { experimentId, sweepIds } = REUSE ? await seeded(server.baseUrl) : await seed(server.baseUrl);
    console.log(`${REUSE ? "Reused" : "Seeded"} ${(RUNS * KEYS.length * STEPS).toLocaleString("en")} + ${(SWEEP_RUNS * 5 * 100 + 20 * 2 * 2000).toLocaleString("en")} points through log-batch in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);

    const rssBefore = rssMb(server.pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(server.pid))), 50);
    const page = await browser.newPage({ viewport: { width: 1920, height: 1500 } });
    await page.addInitScript("window.__name = (fn) => fn;");
    // With a baseline build, its server (same database) is timed in the same rounds, alternating.
    const baseline = BASELINE_ROOT ? await startBaselineServer(BASELINE_ROOT, DATABASE_URL) : undefined;
    const sides = [{ name: "now", baseUrl: server.baseUrl }, ...(baseline ? [{ name: "before", baseUrl: baseline.baseUrl }] : [])];
    const timings = sides.map(() => ({ drawn: [] as number[], answering: [] as number[], zooms: [] as number[], sent: [] as number[], answered: [] as number[] }));
    const chartsUrl = (baseUrl: string) => `${baseUrl}/experiments/${experimentId}?display=charts`;
    try {
      for (let i = 0; i < 6; i++) {
        for (const [s, side] of sides.entries()) {
          await page.goto("about:blank");
          await page.goto(chartsUrl(side.baseUrl));
          const t = await page.evaluate(waitForChartsDrawn, KEYS.length);
          timings[s].drawn.push(t.drawn);
          timings[s].answering.push(t.answering);
        }
      }
      for (let i = 0; i < ZOOMS; i++) {
        for (const [s, side] of sides.entries()) {
          await page.goto(chartsUrl(side.baseUrl));
          await page.evaluate(waitForChartsDrawn, KEYS.length);
          timings[s].zooms.push(await dragZoom(page, 0.3 + (i % 5) * 0.08));
          const request = await page.evaluate(zoomRequestTiming);
          timings[s].sent.push(request.sent);
          timings[s].answered.push(request.answered);
        }
      }
    } finally {
      await baseline?.stop();
    }
    for (const [s, side] of sides.entries()) {
      const { drawn, answering, zooms, sent, answered } = timings[s];
      const who = sides.length > 1 ? `[${side.name}] ` : "";
      // The first load also fills the browser's cache with the page's scripts: reported, not counted.
      console.log(`(b) ${who}${KEYS.length} charts × ${RUNS} runs × ${STEPS.toLocaleString("en")} steps, navigation → every chart drawn: ${fmt(drawn.slice(1))}; cold ${drawn[0].toFixed(0)} ms`);
      console.log(`    … and the page answering input: ${fmt(answering.slice(1))} — target ≤ 1500 ms: ${verdict(median(answering.slice(1)), 1500)}`);
      console.log(`(b) ${who}drag zoom → ${KEYS.length} charts re-fetched at the window and redrawn (from mouse-up): ${fmt(zooms)}, p95 ${p95(zooms).toFixed(0)} ms — target ≤ 300 ms: ${verdict(median(zooms), 300)}`);
      console.log(`    … of which the window's request was sent after ${fmt(sent)}, answered after ${fmt(answered)}; the rest is drawing`);
    }
    if (sides.length > 1) {
      const ratio = (pick: (t: (typeof timings)[number]) => number[]) => (median(pick(timings[0])) / median(pick(timings[1]))).toFixed(2);
      console.log(`    now / before, medians: zoom ×${ratio((t) => t.zooms)}, its answer ×${ratio((t) => t.answered)}, navigation → drawn ×${ratio((t) => t.drawn.slice(1))}`);
    }
    clearInterval(sampler);
    console.log(`(d) server RSS: ${rssBefore.toFixed(0)} MB before (b), peak ${rssPeak.toFixed(0)} MB during (b)`);

    const compareUrl = `${server.baseUrl}/compare?runs=${sweepIds.join(",")}`;
    const compare: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.goto("about:blank");
      const t0 = Date.now();
      await page.goto(compareUrl);
      await page.waitForSelector('[data-testid="diff-table"] [data-field="p.p3"] [role="cell"]');
      compare.push(Date.now() - t0);
    }
    console.log(`(c) /compare of ${SWEEP_RUNS} runs, navigation → diff table drawn: ${fmt(compare.slice(1))}; cold ${compare[0].toFixed(0)} ms — target ≤ 2000 ms: ${verdict(median(compare.slice(1)), 2000)}`);
    const ranges = await timeRanges(page, compareUrl);
    console.log(`    … min/max of every metric of the 500 runs arrived after ${ranges.toFixed(0)} ms`);
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(`\nLoad average after: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
}

/** The experiment and sweep runs a previous run of this benchmark seeded (METRON_BENCH_REUSE_SEED=1). */
async function seeded(baseUrl: string): Promise<{ experimentId: string; sweepIds: string[] }> {
  const idOf = async (name: string) => {
    const res = await fetch(`${baseUrl}/api/2.0/mlflow/experiments/get-by-name?experiment_name=${name}`);
    if (!res.ok) throw new Error(`no experiment ${name} to reuse: run once without METRON_BENCH_REUSE_SEED`);
    return ((await res.json()) as { experiment: { experiment_id: string } }).experiment.experiment_id;
  };
  const experimentId = await idOf("charts-bench");
  const { runs } = await callMlflow(baseUrl, "runs/search", { experiment_ids: [await idOf("charts-bench-sweep")], max_results: SWEEP_RUNS, order_by: ["attributes.start_time ASC"] });
  return { experimentId, sweepIds: runs.map((r: { info: { run_id: string } }) => r.info.run_id) };
}

async function seed(baseUrl: string): Promise<{ experimentId: string; sweepIds: string[] }> {
  const { experiment_id: experimentId } = await callMlflow(baseUrl, "experiments/create", { name: "charts-bench" });
  await Promise.all(Array.from({ length: RUNS }, (_, r) => logRun(baseUrl, experimentId, `run-${r}`, KEYS, STEPS, r)));
  // Another team's experiment logs the same key names, as everyone logs loss and lr.
  const { experiment_id: other } = await callMlflow(baseUrl, "experiments/create", { name: "charts-bench-other" });
  for (let r = 0; r < 20; r += 4) await Promise.all([0, 1, 2, 3].map((k) => logRun(baseUrl, other, `other-${r + k}`, ["loss", "lr"], 2000, r + k)));
  const { experiment_id: sweep } = await callMlflow(baseUrl, "experiments/create", { name: "charts-bench-sweep" });
  const sweepIds: string[] = [];
  for (let r = 0; r < SWEEP_RUNS; r += 10) {
    sweepIds.push(...(await Promise.all(Array.from({ length: 10 }, (_, k) => logSweepRun(baseUrl, sweep, r + k)))));
  }
  return { experimentId, sweepIds };
}

async function logRun(baseUrl: string, experimentId: string, name: string, keys: string[], steps: number, seed: number): Promise<string> {
  const { run } = await callMlflow(baseUrl, "runs/create", { experiment_id: experimentId, run_name: name, start_time: T0 });
  const runId = run.info.run_id;
  for (let start = 0; start < steps; start += 100) {
    const metrics = keys.flatMap((key, k) =>
      Array.from({ length: 100 }, (_, i) => {
        const step = start + i;
        const value = (k + 1) * Math.exp(-step / 3000) * (1 + seed * 0.05) + Math.sin(step * 0.37 + seed) * 0.02 + (step % 997 === 0 ? 1 : 0);
        return { key, value, step, timestamp: T0 + step * 100 };
      }),
    );
    await callMlflow(baseUrl, "runs/log-batch", { run_id: runId, metrics });
  }
  await callMlflow(baseUrl, "runs/update", { run_id: runId, status: "FINISHED", end_time: T0 + steps * 100 });
  return runId;
}

async function logSweepRun(baseUrl: string, experimentId: string, r: number): Promise<string> {
  const { run } = await callMlflow(baseUrl, "runs/create", { experiment_id: experimentId, run_name: `trial-${r}`, start_time: T0 + r });
  const runId = run.info.run_id;
  const params = Array.from({ length: 10 }, (_, p) => ({ key: `p${p}`, value: p < 3 ? String((r % (p + 3)) / 10) : `v${r % (p + 1)}` }));
  const metrics = ["loss", "accuracy", "val/loss", "val/accuracy", "lr"].flatMap((key, k) =>
    Array.from({ length: 100 }, (_, step) => ({ key, value: (k + 1) / (step + 1) + (r % 17) / 100, step, timestamp: T0 + step })),
  );
  await callMlflow(baseUrl, "runs/log-batch", { run_id: runId, params, metrics, tags: [{ key: "sweep", value: "s1" }] });
  await callMlflow(baseUrl, "runs/update", { run_id: runId, status: "FINISHED", end_time: T0 + 100_000 });
  return runId;
}

async function timeRanges(page: Page, url: string): Promise<number> {
  await page.goto("about:blank");
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => !document.body.textContent?.includes("loading min/max"), undefined, { timeout: 60_000, polling: 50 });
  return Date.now() - t0;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
