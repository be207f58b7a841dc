// The scale benchmark's read figures (issue 18), this checkout's server against a baseline (another built
// checkout, METRON_BENCH_BASELINE_ROOT, e.g. a worktree of main) on the same database, in alternation, so that
// the machine's load falls on both alike: runs/search filter + metric order and the 1000-run page on the
// measured experiment, metrics/get-history of 10,000 points, and a trivial endpoint (experiments/get) as the
// floor; then CPU per request (server, PostgreSQL), which the load moves less. First checks that both answer byte for byte the same (sha1) to several request shapes.
// Uses the database `npm run bench:scale` left (SCALE_REUSE=1 there or any earlier run); never analyzes by hand.
//
//   METRON_BENCH_BASELINE_ROOT=/work/wt/main-copy METRON_BENCH_SCALE_DATABASE_URL=… node --import tsx bench/scale/ab.ts
import { createHash } from "node:crypto";
import os from "node:os";
import { startBaselineServer } from "../charts/baseline";
import { callMlflow, startServer, type BenchServer } from "../search/server";
import { stats } from "../search/measure";
import { cpuMeter, openBenchSql } from "../ingest/ingest";
import { findSeededExperiments, T0 } from "./seed";
import { timedFetch } from "./measure";

const DATABASE_URL = process.env.METRON_BENCH_SCALE_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_scale";
const BASELINE_ROOT = process.env.METRON_BENCH_BASELINE_ROOT;
const ROUNDS = Number(process.env.SCALE_AB_ROUNDS ?? 40);
const FILTER = "metrics.loss > 0.5 and params.lr = 'v3'";
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

type Request = { path: string; body?: object };
const post = (path: string, body: object): Request => ({ path, body });

async function send(server: BenchServer, request: Request): Promise<{ ms: number; text: string }> {
  const url = `${server.baseUrl}/api/2.0/mlflow/${request.path}`;
  return request.body
    ? timedFetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request.body) })
    : timedFetch(url);
}

async function main(): Promise<void> {
  if (!BASELINE_ROOT) throw new Error("METRON_BENCH_BASELINE_ROOT names the baseline's built checkout");
  const sql = openBenchSql(DATABASE_URL, 2);
  const ids = (await findSeededExperiments(sql)).map(String);
  if (ids.length < 2) throw new Error("no seeded database: run npm run bench:scale first");
  const servers = { new: await startServer(DATABASE_URL), old: await startBaselineServer(BASELINE_ROOT, DATABASE_URL) };
  try {
    const measured = ids[1];
    const historyRun = await writeHistory(servers.new, measured);
    const search = (body: object) => post("runs/search", { experiment_ids: [measured], ...body });
    const firstPage = JSON.parse((await send(servers.new, search({ max_results: 1000 }))).text);
    const shapes: Record<string, Request> = {
      "filter + metric order": search({ filter: FILTER, order_by: ["metrics.accuracy DESC"], max_results: 100 }),
      "1000-run page": search({ max_results: 1000 }),
      "second 1000-run page": search({ max_results: 1000, page_token: firstPage.next_page_token }),
      "param order, 300": search({ order_by: ["params.optimizer ASC", "attributes.start_time DESC"], max_results: 300 }),
      "tag filter, 2 experiments": post("runs/search", { experiment_ids: [ids[2], ids[3]], filter: "tags.team != 'x'", max_results: 50 }),
      "history 10k": { path: `metrics/get-history?run_id=${historyRun}&metric_key=loss` },
      "history page": { path: `metrics/get-history?run_id=${historyRun}&metric_key=loss&max_results=500` },
      "experiments/get": { path: `experiments/get?experiment_id=${measured}` },
    };
    for (const [label, request] of Object.entries(shapes)) {
      const [a, b] = [await send(servers.new, request), await send(servers.old, request)];
      const sha = (text: string) => createHash("sha1").update(text).digest("hex").slice(0, 12);
      console.log(`${label.padEnd(28)} new ${sha(a.text)} old ${sha(b.text)} ${a.text === b.text ? "identical" : "DIFFERENT"} (${a.text.length} bytes)`);
    }
    const timed = ["experiments/get", "filter + metric order", "1000-run page", "history 10k"];
    const samples = new Map<string, number[]>();
    console.log(`\n${ROUNDS} rounds after 3 warm-up, new and old alternating (order swapped each round); load average ${load()}`);
    for (let round = 0; round < ROUNDS + 3; round++) {
      for (const label of timed) {
        const order = round % 2 === 0 ? (["new", "old"] as const) : (["old", "new"] as const);
        for (const which of order) {
          const { ms } = await send(servers[which], shapes[label]);
          if (round >= 3) samples.set(`${label}|${which}`, [...(samples.get(`${label}|${which}`) ?? []), ms]);
        }
      }
    }
    console.log(`${"case".padEnd(24)} ${"new p50/p95/mean".padStart(22)} ${"old p50/p95/mean".padStart(22)}  ratio of p50, p95, mean (new/old)`);
    for (const label of timed) {
      const [n, o] = [stats(samples.get(`${label}|new`)!), stats(samples.get(`${label}|old`)!)];
      const f = (s: ReturnType<typeof stats>) => `${s.p50.toFixed(1)}/${s.p95.toFixed(1)}/${s.mean.toFixed(1)}`.padStart(22);
      console.log(`${label.padEnd(24)} ${f(n)} ${f(o)}  ${(n.p50 / o.p50).toFixed(2)}, ${(n.p95 / o.p95).toFixed(2)}, ${(n.mean / o.mean).toFixed(2)}`);
    }
    // CPU per request, which the machine's load moves less than times: blocks of requests to one server
    // (the other idle), alternating; PostgreSQL's is every backend of the database's.
    const BLOCK = 20;
    const cpu = new Map<string, { server: number; postgres: number; n: number }>();
    for (let block = 0; block < 4; block++) {
      for (const label of timed) {
        for (const which of block % 2 === 0 ? (["new", "old"] as const) : (["old", "new"] as const)) {
          const meter = await cpuMeter(sql, servers[which].pid);
          for (let i = 0; i < BLOCK; i++) await send(servers[which], shapes[label]);
          const used = await meter.read();
          const sum = cpu.get(`${label}|${which}`) ?? { server: 0, postgres: 0, n: 0 };
          cpu.set(`${label}|${which}`, { server: sum.server + used.serverCpu!, postgres: sum.postgres + used.postgresCpu, n: sum.n + BLOCK });
        }
      }
    }
    console.log(`\nCPU ms per request (${4 * BLOCK} requests each, blocks alternating): server + PostgreSQL; load average ${load()}`);
    for (const label of timed) {
      const f = (which: "new" | "old") => {
        const c = cpu.get(`${label}|${which}`)!;
        return `${((1000 * c.server) / c.n).toFixed(1)} + ${((1000 * c.postgres) / c.n).toFixed(1)}`;
      };
      console.log(`${label.padEnd(24)} new ${f("new").padEnd(14)} old ${f("old")}`);
    }
    console.log(`load average at the end ${load()}`);
  } finally {
    await Promise.all([servers.new.stop(), servers.old.stop()]);
    await sql.end();
  }
}

/** The measured experiment's run "history" with 10,000 points of `loss` (written once, reused). */
async function writeHistory(server: BenchServer, experimentId: string): Promise<string> {
  const found = await callMlflow(server.baseUrl, "runs/search", { experiment_ids: [experimentId], filter: "attributes.run_name = 'ab-history'" });
  if (found.runs?.length) return found.runs[0].info.run_id;
  const { run } = await callMlflow(server.baseUrl, "runs/create", { experiment_id: experimentId, run_name: "ab-history", start_time: T0 });
  for (let start = 0; start < 10_000; start += 1000) {
    const metrics = Array.from({ length: 1000 }, (_, i) => ({ key: "loss", value: 1 / (start + i + 1), timestamp: T0 + start + i, step: start + i }));
    await callMlflow(server.baseUrl, "runs/log-batch", { run_id: run.info.run_id, metrics });
  }
  return run.info.run_id;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
