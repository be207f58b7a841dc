// Bulk log-batch (issue 18 item 4) of this checkout's server against a baseline (another built checkout,
// METRON_BENCH_BASELINE_ROOT, e.g. main) on the same database, in alternation, one server at a time (each
// one's summarizer would otherwise catch up the other's backlog): per round, 4 clients × 50 log-batch
// requests of 1000 points, the chart summaries' catch-up after them, then the same rows by raw 1000-row COPY
// into metrics (fresh runs, right after, so that both share the machine's load of the moment). Ratios per
// round, medians over SCALE_BULK_ROUNDS (default 5) per build; CPU of the server and of PostgreSQL.
// Uses the database `npm run bench:scale` left (any sections); never analyzes by hand.
//
//   METRON_BENCH_BASELINE_ROOT=/work/main METRON_BENCH_SCALE_DATABASE_URL=… node --import tsx bench/scale/bulk-ab.ts
import os from "node:os";
import path from "node:path";
import { startBaselineServer } from "../charts/baseline";
import { createRuns, ingestOverHttp, ingestWithCopy, openBenchSql, TOTAL_POINTS } from "../ingest/ingest";
import { waitForSummaries } from "../ingest/summaries";
import { findSeededExperiments, T0 } from "./seed";

const DATABASE_URL = process.env.METRON_BENCH_SCALE_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_scale";
const BASELINE_ROOT = process.env.METRON_BENCH_BASELINE_ROOT;
const ROUNDS = Number(process.env.SCALE_BULK_ROUNDS ?? 5);
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

interface Round {
  perSecond: number;
  catchUp: number;
  copy: number;
  serverCpu: number;
  postgresCpu: number;
  copyCpu: number;
}

async function main(): Promise<void> {
  if (!BASELINE_ROOT) throw new Error("METRON_BENCH_BASELINE_ROOT names the baseline's built checkout");
  const roots = { new: path.resolve(import.meta.dirname, "../.."), old: BASELINE_ROOT };
  const sql = openBenchSql(DATABASE_URL, 8);
  const [, measured] = (await findSeededExperiments(sql)).map(String);
  if (!measured) throw new Error("no seeded database: run npm run bench:scale first");
  const rounds: Record<keyof typeof roots, Round[]> = { new: [], old: [] };
  console.log(`Bulk log-batch, new (${roots.new}) and old (${roots.old}) alternating, ${ROUNDS} rounds; load average ${load()}`);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const which of round % 2 === 0 ? (["new", "old"] as const) : (["old", "new"] as const)) {
        const server = await startBaselineServer(roots[which], DATABASE_URL);
        try {
          await waitForSummaries(sql); // a backlog left by the other build is not this one's to time
          const http = await ingestOverHttp(sql, server, await createRuns(server.baseUrl, measured, `bulk-${which}`, T0), T0);
          const catchUp = await waitForSummaries(sql);
          const copy = await ingestWithCopy(sql, await createRuns(server.baseUrl, measured, `copy-${which}`, T0), T0, "metrics");
          const r = { perSecond: http.perSecond, catchUp, copy: copy.perSecond, serverCpu: http.serverCpu!, postgresCpu: http.postgresCpu, copyCpu: copy.postgresCpu };
          rounds[which].push(r);
          const withCatchUp = r.perSecond * (http.seconds / (http.seconds + catchUp));
          console.log(`  ${which}: ${Math.round(r.perSecond).toLocaleString("en")} points/s, catch-up ${catchUp.toFixed(2)} s, COPY ${Math.round(r.copy).toLocaleString("en")} points/s → ratio ${(r.perSecond / r.copy).toFixed(2)}, with catch-up ${(withCatchUp / r.copy).toFixed(2)} (CPU server ${r.serverCpu.toFixed(1)} s, PostgreSQL ${r.postgresCpu.toFixed(1)} s; COPY's ${r.copyCpu.toFixed(1)} s); load ${load()}`);
        } finally {
          await server.stop();
        }
      }
    }
    console.log(`\nMedians over ${ROUNDS} rounds; load average ${load()}`);
    for (const which of ["new", "old"] as const) {
      const rs = rounds[which];
      const ratio = median(rs.map((r) => r.perSecond / r.copy));
      const seconds = (r: Round) => TOTAL_POINTS / r.perSecond;
      const withCatchUp = median(rs.map((r) => TOTAL_POINTS / (seconds(r) + r.catchUp) / r.copy));
      console.log(`  ${which}: ${Math.round(median(rs.map((r) => r.perSecond))).toLocaleString("en")} points/s, catch-up ${median(rs.map((r) => r.catchUp)).toFixed(2)} s; ratio to COPY ${ratio.toFixed(2)}, with catch-up ${withCatchUp.toFixed(2)}; CPU server ${median(rs.map((r) => r.serverCpu)).toFixed(1)} s, PostgreSQL ${median(rs.map((r) => r.postgresCpu)).toFixed(1)} s`);
    }
  } finally {
    await sql.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
