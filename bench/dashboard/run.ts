// Portal dashboard benchmark (issue 14, item 5), PostgreSQL mode. A team server of 100,000 runs in
// 12 experiments over the last 180 days, 25 users, every run logging the same keys (loss, lr,
// accuracy), one run in ten on two GPUs (the collector's system/gpu_<i>_utilization_percentage):
// the bulk written with COPY straight after the server's own migrations (no ANALYZE, autovacuum as
// the machine has it), plus a few runs logged through REST one log-metric request per sample, as
// the collector sends them. Then measures, just after writing:
//   server time: tRPC dashboard.get over HTTP (whole server and the largest experiment; windows)
//   chromium: navigation → the six panels drawn (echart's data-rendered) — target ≤ 1 s for both
//
//   npx next build && npm run build:rest && npm run bench:dashboard
//
// PostgreSQL: postgres://postgres@127.0.0.1:5432/metron_b_dashboard (METRON_BENCH_DASHBOARD_DATABASE_URL),
// dropped and recreated on every run.
import os from "node:os";
import { chromium } from "@playwright/test";
import postgres from "postgres";
import { recreateDatabase } from "../../server/testing/test-server";
import { callMlflow, startServer } from "../search/server";
import { chunked, copyInto, prng } from "../search/seed";

const DATABASE_URL = process.env.METRON_BENCH_DASHBOARD_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_b_dashboard";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const RUNS = 100_000;
const EXPERIMENTS = 12;
const USERS = 25;
const DAYS = 180;
const KEYS = ["loss", "lr", "accuracy"];
const GPU_EVERY = 10;
const REST_RUNS = 4;
const REST_SAMPLES = 40;
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
// The coarser summary levels of metric_blocks (what a 1–2 h series has at 262 s and 70 min blocks).
const TIME_WIDTHS = [262_144, 4_194_304];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(", ")})`;
const verdict = (ms: number) => (ms <= 1000 ? "OK" : "OVER TARGET");
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" ");

const runUuid = (i: number) => `d${i.toString(16).padStart(31, "0")}`;

async function seed(baseUrl: string): Promise<string[]> {
  const experimentIds: string[] = [];
  for (let e = 0; e < EXPERIMENTS; e++) experimentIds.push((await callMlflow(baseUrl, "experiments/create", { name: `team-${e}` })).experiment_id);
  const random = prng(14);
  const now = Date.now();
  // Experiment 0 holds 40 % of the runs (the big sweep); the rest are spread evenly.
  const experimentOf = (i: number) => (i % 10 < 4 ? experimentIds[0] : experimentIds[1 + (i % (EXPERIMENTS - 1))]);
  const starts = Float64Array.from({ length: RUNS }, () => now - Math.floor(random() * DAYS * DAY_MS));
  const statusOf = (i: number) => ["FINISHED", "FINISHED", "FINISHED", "FINISHED", "FINISHED", "FINISHED", "FINISHED", "FAILED", "KILLED", "RUNNING"][i % 10];
  const run = (i: number) =>
    [runUuid(i), `run-${i}`, experimentOf(i), `user${i % USERS}`, statusOf(i), starts[i], statusOf(i) === "RUNNING" ? "\\N" : starts[i] + HOUR_MS, "\\N", "active", `mlflow-artifacts:/x/${runUuid(i)}/artifacts`].join("\t") + "\n";
  const value = (i: number, k: number) => (k === 0 ? 2 * random() : k === 1 ? 1e-3 : random());
  const metric = (withHistory: boolean) => (j: number) => {
    const i = Math.floor(j / KEYS.length);
    const k = j % KEYS.length;
    const row = [runUuid(i), KEYS[k], 100, starts[i] + 30 * 60_000, value(i, k), "f"];
    return (withHistory ? [...row, "\\N", "\\N", "\\N"] : [...row, experimentOf(i)]).join("\t") + "\n";
  };
  const gpuRuns = Math.floor(RUNS / GPU_EVERY);
  const gpuKey = (g: number) => `system/gpu_${g}_utilization_percentage`;
  const gpuLatest = (j: number) => {
    const i = Math.floor(j / 2) * GPU_EVERY;
    return [runUuid(i), gpuKey(j % 2), 360, starts[i] + HOUR_MS, 87, "f", experimentOf(i)].join("\t") + "\n";
  };
  // Per GPU series: one summary row per block at each coarse width, covering start → start + 1 h.
  const gpuBlocks = function* () {
    let text = "";
    for (let j = 0; j < gpuRuns * 2; j++) {
      const i = Math.floor(j / 2) * GPU_EVERY;
      const first = starts[i];
      const last = first + HOUR_MS;
      for (const width of TIME_WIDTHS) {
        for (let b = Math.floor(first / width); b <= Math.floor(last / width); b++) {
          const lo = Math.max(first, b * width);
          const hi = Math.min(last, (b + 1) * width - 1);
          text += [runUuid(i), gpuKey(j % 2), "time", width, b, 1 + Math.round((hi - lo) / 10_000), `{${lo},0,${lo},80}`, `{${hi},360,${hi},90}`, `{80,${lo},0,${lo}}`, `{95,${hi},360,${hi}}`].join("\t") + "\n";
        }
      }
      if (text.length > 1 << 20) {
        yield text;
        text = "";
      }
    }
    yield text;
  };
  const sql = postgres(DATABASE_URL, { onnotice: () => {} });
  try {
    const metricColumns = ["run_uuid", "key", "step", "timestamp", "value", "is_nan"];
    await copyInto(sql, "runs", ["run_uuid", "name", "experiment_id", "user_id", "status", "start_time", "end_time", "deleted_time", "lifecycle_stage", "artifact_uri"], chunked(RUNS, run));
    await Promise.all([
      copyInto(sql, "metrics", [...metricColumns, "model_id", "dataset_name", "dataset_digest"], chunked(RUNS * KEYS.length, metric(true))),
      copyInto(sql, "latest_metrics", [...metricColumns, "experiment_id"], chunked(RUNS * KEYS.length, metric(false))),
    ]);
    await copyInto(sql, "latest_metrics", [...metricColumns, "experiment_id"], chunked(gpuRuns * 2, gpuLatest));
    await copyInto(sql, "metric_blocks", ["run_uuid", "key", "axis", "width", "block", "count", "first_point", "last_point", "min_point", "max_point"], gpuBlocks());
  } finally {
    await sql.end();
  }
  // A few runs exactly as the collector logs them: one log-metric request per GPU sample.
  for (let r = 0; r < REST_RUNS; r++) {
    const start = now - r * DAY_MS;
    const { run: created } = await callMlflow(baseUrl, "runs/create", { experiment_id: experimentIds[1], user_id: "collector-user", start_time: start });
    for (let s = 0; s < REST_SAMPLES; s++) {
      for (const g of [0, 1]) {
        await callMlflow(baseUrl, "runs/log-metric", { run_id: created.info.run_id, key: gpuKey(g), value: 50 + s, timestamp: start + s * 90_000, step: s });
      }
    }
  }
  return experimentIds;
}

async function timeServer(baseUrl: string, input: Record<string, unknown>): Promise<number[]> {
  const url = `${baseUrl}/api/trpc/dashboard.get?input=${encodeURIComponent(JSON.stringify(input))}`;
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    const res = await fetch(url);
    const body = await res.json();
    if (res.status !== 200) throw new Error(`dashboard.get answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
    times.push(performance.now() - t0);
  }
  return times;
}

/**
 * The load this machine is under, in the same run: one plain scan of the runs and one join of the
 * runs with a key's latest values (the least any "best value per day" must read), straight over SQL.
 */
async function timeBaseline(): Promise<{ scan: number[]; join: number[] }> {
  const sql = postgres(DATABASE_URL, { onnotice: () => {}, max: 1 });
  const time = async (run: () => Promise<unknown>) => {
    const t0 = performance.now();
    await run();
    return performance.now() - t0;
  };
  try {
    const scan: number[] = [];
    const join: number[] = [];
    for (let i = 0; i < 6; i++) {
      scan.push(await time(() => sql`select count(*) from runs where lifecycle_stage = 'active'`));
      join.push(await time(() => sql`select count(*) from runs r join latest_metrics lm on lm.run_uuid = r.run_uuid and lm.key = 'loss'`));
    }
    return { scan, join };
  } finally {
    await sql.end();
  }
}

async function main(): Promise<void> {
  console.log(`Metron dashboard benchmark — ${os.cpus().length} CPUs, Node ${process.version}, load average ${load()}\n`);
  await recreateDatabase(DATABASE_URL);
  const server = await startServer(DATABASE_URL);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage", "--no-first-run"] });
  try {
    const t0 = performance.now();
    const experimentIds = await seed(server.baseUrl);
    console.log(`Seeded ${RUNS.toLocaleString("en")} runs (COPY) + ${REST_RUNS} collector runs (${REST_RUNS * REST_SAMPLES * 2} log-metric requests) in ${((performance.now() - t0) / 1000).toFixed(1)} s; no ANALYZE\n`);

    const cases: [string, Record<string, unknown>][] = [
      ["whole server, all time", { days: 0 }],
      ["whole server, last 30 days", { days: 30 }],
      ["whole server, one user, all time", { days: 0, user: "user3" }],
      ["largest experiment (40,000 runs), all time", { experimentId: experimentIds[0], days: 0 }],
      ["largest experiment, last 90 days, metric accuracy", { experimentId: experimentIds[0], days: 90, metricKey: "accuracy" }],
    ];
    const baseline = await timeBaseline();
    console.log("Baseline (load gauge), plain SQL from this process:");
    console.log(`  count(*) over the 100,000 runs: ${fmt(baseline.scan)}`);
    console.log(`  count(*) of runs ⋈ latest_metrics for 'loss': ${fmt(baseline.join)}\n`);
    console.log("Server: tRPC dashboard.get over HTTP (first call included, 6 calls):");
    for (const [label, input] of cases) {
      const times = await timeServer(server.baseUrl, input);
      console.log(`  ${label}: ${fmt(times)} — target ≤ 1000 ms: ${verdict(median(times))}`);
    }
    const check = await (await fetch(`${server.baseUrl}/api/trpc/dashboard.get?input=${encodeURIComponent(JSON.stringify({ days: 0 }))}`)).json();
    const data = check.result.data;
    console.log(`  (answer: ${data.totalRuns} runs, ${data.runsPerDay.length} days, ${data.runsPerUser.length} users, ${data.gpuHoursPerUser.reduce((s: number, u: { gpuHours: number }) => s + u.gpuHours, 0).toFixed(1)} GPU-hours)\n`);

    console.log("Chromium: navigation → the six panels drawn:");
    const page = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
    for (const [label, path] of [["whole server, all time", "/dashboard?days=0"], ["largest experiment, all time", `/dashboard?exp=${experimentIds[0]}&days=0`]]) {
      const times: number[] = [];
      const numbers: number[] = [];
      for (let i = 0; i < 6; i++) {
        await page.goto("about:blank");
        const start = Date.now();
        await page.goto(`${server.baseUrl}${path}`);
        // Where the time goes: the counts on screen (page, scripts, the query), then the charts drawn.
        await page.waitForSelector('[data-testid="kpi-runs"]', { timeout: 30_000 });
        numbers.push(Date.now() - start);
        await page.waitForFunction(() => document.querySelectorAll("[data-rendered]").length >= 6, undefined, { timeout: 30_000 });
        times.push(Date.now() - start);
      }
      // The first load fills the browser's cache with the page's scripts: reported, not counted.
      console.log(`  ${label}: ${fmt(times.slice(1))}; cold ${times[0]} ms — target ≤ 1000 ms: ${verdict(median(times.slice(1)))}`);
      console.log(`    … of which until the counts were on screen: ${fmt(numbers.slice(1))}`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  console.log(`\nLoad average after: ${load()}`);
}

await main();
