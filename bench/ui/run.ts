// Runs-table benchmark (issue 7), PostgreSQL mode. Seeds one experiment with 100,000 runs × 20
// params × 10 metrics × 5 tags by COPY (bench/search's data set), starts the built server on it and
// drives Debian's Chromium through the experiment page, beside the targets:
//   time to first rows visible (navigation start → first run row attached)      ≤ 1 s
//   sort change (click a header → first row shows another run)                   ≤ 300 ms
//   filter change (Enter in the filter box → first row shows another run)        ≤ 300 ms
//   fast scrolling: animation frames with blank row slots in the viewport        (fewer is better)
//
//   npx next build && npm run bench:ui     # = node --import tsx bench/ui/run.ts
//   npm run bench:ui -- --reuse-data       # keep the database seeded by the previous run
//
// PostgreSQL: postgres://postgres@127.0.0.1:5432/metron_bench_ui (METRON_BENCH_UI_DATABASE_URL),
// dropped and recreated on every run unless --reuse-data. On a shared machine compare figures within one run.
import os from "node:os";
import { chromium, type Page } from "@playwright/test";
import postgres from "postgres";
import { recreateDatabase } from "../../server/testing/test-server";
import { seedRuns } from "../search/seed";
import { callMlflow, startServer } from "../search/server";
import { installFirstRowProbe, preloadRows, READY_SELECTOR, ROW_SELECTOR, scrollAndCountBlankFrames, timeRowChange } from "./page-probes";

const DATABASE_URL = process.env.METRON_BENCH_UI_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_ui";
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ROW_HEIGHT = 34;
const FILTERS = ["metrics.m1 > 0.5", "params.p1 = 'v3'", "metrics.m2 < 0.1 AND params.p2 = 'v1'", "tags.t1 LIKE 'a%'", "params.p3 = 'v7' OR metrics.m3 > 0.99"];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms, max ${Math.max(...xs).toFixed(0)} ms (${xs.map((x) => x.toFixed(0)).join(", ")})`;
const verdict = (value: number, target: number) => (value <= target ? "OK" : "OVER TARGET");

async function main(): Promise<void> {
  console.log(`Metron runs-table UI benchmark — ${os.cpus().length} CPUs, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
  const reuse = process.argv.includes("--reuse-data");
  if (!reuse) await recreateDatabase(DATABASE_URL);
  const server = await startServer(DATABASE_URL);
  const sql = postgres(DATABASE_URL, { max: 4, onnotice: () => {} });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-dev-shm-usage", "--no-first-run"] });
  try {
    const experiment_id = reuse ? await findSeeded(server.baseUrl) : await seed(server.baseUrl, sql);

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // tsx compiles with keepNames: the probes' bodies call its __name helper, absent in the page.
    await page.addInitScript("window.__name = (fn) => fn;");
    await page.addInitScript(installFirstRowProbe, ROW_SELECTOR);
    const url = `${server.baseUrl}/experiments/${experiment_id}`;
    const firstRows: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < 6; i++) {
      await page.goto(url);
      await page.waitForSelector(READY_SELECTOR);
      const at = await page.evaluate(() => {
        const w = window as unknown as { __firstRowAt: number; __readyAt: number };
        return { first: w.__firstRowAt, ready: w.__readyAt };
      });
      firstRows.push(at.first);
      ready.push(at.ready);
    }
    // The first load also fills the browser's cache with the page's scripts: reported, not counted.
    console.log(`Time to first rows visible: ${fmt(firstRows.slice(1))}; first (cold) load ${firstRows[0].toFixed(0)} ms — target ≤ 1000 ms: ${verdict(median(firstRows.slice(1)), 1000)}`);
    console.log(`Time to interactive grid (hydrated): ${fmt(ready.slice(1))}`);

    await measureSorts(page);
    await measureFilters(page);
    await measureScrolling(page, url);
  } finally {
    await browser.close();
    await sql.end();
    await server.stop();
  }
  console.log(`\nLoad average after: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
}

async function seed(baseUrl: string, sql: postgres.Sql): Promise<string> {
  const { experiment_id } = await callMlflow(baseUrl, "experiments/create", { name: "ui-bench" });
  const started = performance.now();
  await seedRuns(sql, Number(experiment_id));
  await sql`vacuum analyze`;
  console.log(`Seeded 100,000 runs by COPY in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  return experiment_id;
}

async function findSeeded(baseUrl: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/2.0/mlflow/experiments/get-by-name?experiment_name=ui-bench`);
  if (!res.ok) throw new Error("--reuse-data: no seeded 'ui-bench' experiment; run once without it");
  const { experiment } = await res.json();
  console.log(`Reusing the seeded experiment ${experiment.experiment_id}\n`);
  return experiment.experiment_id;
}

async function measureSorts(page: Page): Promise<void> {
  // Each click moves the sort on: ascending, descending, then back to the default order.
  const times: number[] = [];
  for (const label of ["m1", "m1", "m1", "p1", "p1", "Run", "Run", "Run"]) {
    times.push(await page.evaluate(timeRowChange, { selector: ROW_SELECTOR, act: "sort" as const, label }));
  }
  console.log(`Sort change: ${fmt(times)} — target ≤ 300 ms: ${verdict(median(times), 300)}`);
}

async function measureFilters(page: Page): Promise<void> {
  const times: number[] = [];
  for (const filter of [...FILTERS, ""]) {
    times.push(await page.evaluate(timeRowChange, { selector: ROW_SELECTOR, act: "filter" as const, filter }));
  }
  console.log(`Filter change: ${fmt(times)} — target ≤ 300 ms: ${verdict(median(times), 300)}`);
}

async function measureScrolling(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector(READY_SELECTOR);
  let started = performance.now();
  const loaded = await page.evaluate(preloadRows, { selector: ROW_SELECTOR, target: 20_000 });
  console.log(`Infinite scroll: ${loaded.toLocaleString("en")} rows loaded page by page in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  for (const step of [1_000, 3_000]) {
    const r = await page.evaluate(scrollAndCountBlankFrames, { frames: 240, step, rowHeight: ROW_HEIGHT });
    console.log(
      `Fast scroll through loaded rows, ${step} px/frame (~${Math.round((step * 60) / ROW_HEIGHT).toLocaleString("en")} rows/s): ` +
        `${r.blankFrames} of ${r.frames} frames with blank rows (worst frame ${r.maxBlankRows} blank rows), ended at row ${r.endRow.toLocaleString("en")}`,
    );
    await page.evaluate(() => ((document.querySelector('[data-testid="runs-grid"]') as HTMLElement).scrollTop = 0));
  }
  // Past the loaded rows: the placeholder row shows until the next page arrives.
  await page.evaluate((y) => ((document.querySelector('[data-testid="runs-grid"]') as HTMLElement).scrollTop = y), (loaded - 40) * ROW_HEIGHT);
  started = performance.now();
  const r = await page.evaluate(scrollAndCountBlankFrames, { frames: 600, step: 200, rowHeight: ROW_HEIGHT });
  console.log(
    `Scrolling on past the loaded rows at 200 px/frame (~350 rows/s) for ${r.frames} frames: ${r.blankFrames} frames showed the loading row ` +
      `(worst ${r.maxBlankRows} rows), reached row ${r.endRow.toLocaleString("en")} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
