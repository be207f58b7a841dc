// Part (a) of the charts benchmark: the server side. One series of 1,000,000 points → 1,000
// buckets through tRPC charts.series (target p95 ≤ 10 ms), beside reading the full history over
// REST in the same run, zoom and live-tail windows, and metrics/get-history-bulk-interval
// (latency, and how many of the series' single-point spikes survive its thinning).
import { cpuMeter, type CpuMeter } from "../search/cpu";
import { stats } from "../search/measure";
import { benchmarkBulkBefore } from "./bulk-before";
import { BIG_RUN_STEPS, SPIKE_VALUE, type Seeded } from "./seed";

const WARMUP = 10;
// METRON_BENCH_CHARTS_REPETITIONS: more rounds for a p95 that holds on a shared machine (≥ 200 for A/B figures).
const REPETITIONS = Number(process.env.METRON_BENCH_CHARTS_REPETITIONS ?? 60);
const SLOW_REPETITIONS = 5;

interface Case {
  label: string;
  url: string;
  /** The CPU of the server answering it (the baseline's for its cases). */
  meter?: CpuMeter;
  /** Rows (buckets or points) in one answer, to show what came back. */
  count: (body: any) => number; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One GET, timed to the last byte of the answer (JSON parsing not included). */
async function timedGet(url: string): Promise<{ ms: number; body: any; bytes: number }> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const started = performance.now();
  const res = await fetch(url);
  const text = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`${url.slice(0, 200)} answered ${res.status}: ${text.slice(0, 500)}`);
  return { ms, body: JSON.parse(text), bytes: Buffer.byteLength(text) };
}

/** Cases timed round-robin after a warm-up, so that background load falls on all alike. */
async function timeInterleaved(cases: Case[], repetitions: number, warmup: number, meter: CpuMeter) {
  const results = cases.map((c) => ({ label: c.label, samples: [] as number[], cpuMs: 0, rows: 0, bytes: 0, body: undefined as unknown }));
  for (let round = 0; round < warmup + repetitions; round++) {
    meter.refresh();
    for (const c of cases) c.meter?.refresh();
    for (const [i, c] of cases.entries()) {
      const caseMeter = c.meter ?? meter;
      const cpuBefore = caseMeter.read();
      const answer = await timedGet(c.url);
      if (round < warmup) continue;
      results[i].cpuMs += caseMeter.read() - cpuBefore;
      results[i].samples.push(answer.ms);
      results[i].rows = c.count(answer.body);
      results[i].bytes = answer.bytes;
      results[i].body = answer.body;
    }
  }
  return results;
}

type Server = { baseUrl: string; pid: number };

/** `baseline`: another build's server on the same database, its chart cases timed in the same rounds ("before"). */
export async function benchmarkServer(server: Server, databaseUrl: string, seeded: Seeded, baseline?: Server): Promise<void> {
  const { baseUrl } = server;
  const { bigRunId: runId, startTime } = seeded;
  const meter = cpuMeter(server.pid, databaseUrl);
  const series = (x: string, extra: object = {}) =>
    `${baseUrl}/api/trpc/charts.series?input=${encodeURIComponent(JSON.stringify({ series: [{ runId, key: "loss" }], x, buckets: 1000, ...extra }))}`;
  // Buckets as columns (one array per field) or, before, one object each.
  const buckets = (body: any) => { const b = body.result.data.series[0].buckets; return Array.isArray(b) ? b.length : b.xLast.length; }; // eslint-disable-line @typescript-eslint/no-explicit-any
  const rest = (endpoint: string, query: string) => `${baseUrl}/api/2.0/mlflow/${endpoint}?${query}`;
  const points = (body: any) => body.metrics?.length ?? 0; // eslint-disable-line @typescript-eslint/no-explicit-any
  const mid = BIG_RUN_STEPS / 2;

  const chartCases: Case[] = [
    {
      label: "charts.series of an unknown run (the per-request floor)",
      url: `${baseUrl}/api/trpc/charts.series?input=${encodeURIComponent(JSON.stringify({ series: [{ runId: "0".repeat(32), key: "loss" }], x: "step", buckets: 1000 }))}`,
      count: buckets,
    },
    { label: "charts.series, 1M steps → 1000 buckets, x = step", url: series("step"), count: buckets },
    { label: "charts.series, 1M points → 1000 buckets, x = time", url: series("time"), count: buckets },
    { label: "charts.series, 1M points → 1000 buckets, x = relative", url: series("relative"), count: buckets },
    { label: "charts.series, zoom: 100k-step window → 1000 buckets", url: series("step", { window: { min: mid, max: mid + 99_999 } }), count: buckets },
    { label: "charts.series, live tail: last 50 steps (exact)", url: series("step", { window: { min: BIG_RUN_STEPS - 50 } }), count: buckets },
    {
      label: "charts.series, live tail on time: last 5 s (exact)",
      url: series("time", { window: { min: startTime + (BIG_RUN_STEPS - 50) * 100 } }),
      count: buckets,
    },
  ];
  const before = baseline ? cpuMeter(baseline.pid, databaseUrl) : undefined;
  const twins = baseline ? chartCases.map((c) => ({ ...c, label: `before: ${c.label}`, url: c.url.replace(baseUrl, baseline.baseUrl), meter: before })) : [];
  const fast = await timeInterleaved([...chartCases, ...twins], REPETITIONS, WARMUP, meter);
  const bulk = (maxResults: number) => rest("metrics/get-history-bulk-interval", `run_ids=${runId}&metric_key=loss&max_results=${maxResults}`);
  const slow = await timeInterleaved(
    [
      { label: "REST metrics/get-history, the full 1M-point history", url: rest("metrics/get-history", `run_id=${runId}&metric_key=loss`), count: points },
      { label: "REST get-history-bulk-interval, max_results=2500", url: bulk(2500), count: points },
      { label: "REST get-history-bulk-interval, max_results=320", url: bulk(320), count: points },
    ],
    SLOW_REPETITIONS,
    1,
    meter,
  );

  const header = `${"case".padEnd(62)} ${"rows".padStart(7)} ${"KiB".padStart(7)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"cpu".padStart(7)}`;
  console.log(header);
  console.log("-".repeat(header.length));
  for (const r of [...fast, ...slow]) {
    const s = stats(r.samples);
    const cpu = meter.available ? (r.cpuMs / r.samples.length).toFixed(1) : "n/a";
    console.log(
      `${r.label.padEnd(62)} ${String(r.rows).padStart(7)} ${(r.bytes / 1024).toFixed(0).padStart(7)} ` +
        `${s.p50.toFixed(1).padStart(8)} ${s.p95.toFixed(1).padStart(8)} ${cpu.padStart(7)}`,
    );
  }
  console.log(`(ms over loopback HTTP; ${REPETITIONS} timed requests per fast case after ${WARMUP} warm-up, ${SLOW_REPETITIONS} per REST case; round-robin;`);
  console.log(" cpu = mean CPU ms per request of the server and its PostgreSQL backends, 10 ms ticks averaged)\n");

  const p95 = stats(fast[1].samples).p95;
  const full = stats(slow[0].samples).p50;
  console.log(`(a) 1M points → 1000 buckets: p50 ${stats(fast[1].samples).p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (target ≤ 10 ms: ${p95 <= 10 ? "MET" : "MISSED"}); ` +
    `p50 ${(full / stats(fast[1].samples).p50).toFixed(0)}× faster than reading the full history over REST`);
  if (baseline) {
    for (const i of [0, 1]) {
      const [now, then] = [stats(fast[i].samples), stats(fast[chartCases.length + i].samples)];
      console.log(`    ${fast[i].label}: before p50 ${then.p50.toFixed(1)} / p95 ${then.p95.toFixed(1)} ms → now ${now.p50.toFixed(1)} / ${now.p95.toFixed(1)} ms ` +
        `(×${(now.p50 / then.p50).toFixed(2)} / ×${(now.p95 / then.p95).toFixed(2)})`);
    }
  }
  for (const r of slow.slice(1)) {
    const metrics = (r.body as { metrics: { value: number | string }[] }).metrics;
    const survived = metrics.filter((m) => m.value === SPIKE_VALUE).length;
    console.log(`    ${r.label}: ${survived} of ${seeded.spikes} spikes kept in ${metrics.length} points`);
  }
  await benchmarkBulkBefore(databaseUrl, runId, seeded.spikes);
}
