// bench/run-page: the two aggregate queries behind the UI pages, against their naive alternatives.
//   BENCH_DATABASE_URL=postgres://… node --import tsx bench/run-page/run.ts
// (a) the run page's metrics table: runPage.metricSummaries (one grouped query over the history
//     index) against what a client would do without it: metrics/get-history for every key.
// (b) the experiment list's run counts: experimentList.runCounts for a page of experiments against
//     one runs/search per experiment counting its runs.
import os from "node:os";
import { recreateDatabase } from "../../server/testing/test-server";
import { callMlflow, startServer } from "../search/server";

const KEYS = 50;
const STEPS = 2000;
const EXPERIMENTS = 200;
const RUNS_PER_EXPERIMENT = 20;
const REPEATS = 15;

const url = process.env.BENCH_DATABASE_URL;
if (!url) throw new Error("set BENCH_DATABASE_URL to a PostgreSQL database this benchmark may drop and recreate");

async function median(work: () => Promise<unknown>): Promise<number> {
  await work(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < REPEATS; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function trpc(baseUrl: string, path: string, input: unknown) {
  const res = await fetch(`${baseUrl}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`);
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return (await res.json()).result.data;
}

async function get(baseUrl: string, pathAndQuery: string) {
  const res = await fetch(`${baseUrl}/api/2.0/mlflow/${pathAndQuery}`);
  if (!res.ok) throw new Error(`${pathAndQuery} answered ${res.status}`);
  return res.json();
}

await recreateDatabase(url);
const server = await startServer(url);
try {
  const base = server.baseUrl;
  const { experiment_id: runExperiment } = await callMlflow(base, "experiments/create", { name: "bench-run-page" });
  const { run } = await callMlflow(base, "runs/create", { experiment_id: runExperiment });
  const runId: string = run.info.run_id;
  for (let step = 0; step < STEPS; step += 1000 / KEYS) {
    const metrics = [];
    for (let s = step; s < step + 1000 / KEYS; s++) {
      for (let k = 0; k < KEYS; k++) metrics.push({ key: `m${k}`, value: Math.sin(s + k), step: s, timestamp: 1_700_000_000_000 + s });
    }
    await callMlflow(base, "runs/log-batch", { run_id: runId, metrics });
  }

  const ids: string[] = [];
  for (let e = 0; e < EXPERIMENTS; e++) {
    const { experiment_id } = await callMlflow(base, "experiments/create", { name: `bench-list-${e}` });
    ids.push(experiment_id);
    await Promise.all(Array.from({ length: RUNS_PER_EXPERIMENT }, () => callMlflow(base, "runs/create", { experiment_id })));
  }

  const summaries = await median(() => trpc(base, "runPage.metricSummaries", { runId }));
  const histories = await median(() => Promise.all(Array.from({ length: KEYS }, (_, k) => get(base, `metrics/get-history?run_id=${runId}&metric_key=m${k}`))));
  const counts = await median(() => trpc(base, "experimentList.runCounts", { experimentIds: ids }));
  const perExperiment = await median(() =>
    Promise.all(ids.map((id) => callMlflow(base, "runs/search", { experiment_ids: [id], max_results: 1000 }))),
  );
  const search = await median(() => trpc(base, "experimentList.search", { maxResults: 1000 }));

  const [load1] = os.loadavg();
  console.log(`load average (1 min) at the end: ${load1.toFixed(2)} on ${os.cpus().length} cores; medians of ${REPEATS}`);
  console.log(`(a) ${KEYS} metrics × ${STEPS} steps (${KEYS * STEPS} points)`);
  console.log(`    runPage.metricSummaries       ${summaries.toFixed(1)} ms`);
  console.log(`    get-history × ${KEYS}              ${histories.toFixed(1)} ms  (${(histories / summaries).toFixed(1)}× slower)`);
  console.log(`(b) ${EXPERIMENTS} experiments × ${RUNS_PER_EXPERIMENT} runs`);
  console.log(`    experimentList.runCounts       ${counts.toFixed(1)} ms  (the list's search itself: ${search.toFixed(1)} ms)`);
  console.log(`    runs/search × ${EXPERIMENTS}            ${perExperiment.toFixed(1)} ms  (${(perExperiment / counts).toFixed(1)}× slower)`);
} finally {
  await server.stop();
}
