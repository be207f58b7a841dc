// Charts benchmark (issue 13), PostgreSQL mode.
//   (a) server: 1,000,000 points → 1,000 buckets via tRPC charts.series, against the full REST
//       history, and metrics/get-history-bulk-interval (bench/charts/server.ts)
//   (b)–(d) the browser side (charts drawn, zoom, compare view, server RSS) belong beside it.
// History is written through log-batch just before measuring; no manual ANALYZE or VACUUM.
//
//   npx next build && npm run build:rest
//   npm run bench:charts      # = node --import tsx bench/charts/run.ts
//
// PostgreSQL: postgres://postgres@127.0.0.1:5432/metron_bench_charts (METRON_BENCH_CHARTS_DATABASE_URL),
// dropped and recreated on every run (METRON_BENCH_REUSE_SEED=1: kept, with what the last run seeded). Compare figures within one run on a shared machine:
// METRON_BENCH_BASELINE_ROOT=<another built checkout> times its server's chart cases in the same rounds.
import os from "node:os";
import postgres from "postgres";
import { recreateDatabase } from "../../server/testing/test-server";
import { startServer } from "../search/server";
import { findSeededHistory, seedHistory } from "./seed";
import { BASELINE_ROOT, startBaselineServer } from "./baseline";
import { benchmarkServer } from "./server";

/** Reuse the history the last run seeded (4 minutes of log-batch on a loaded machine); figures read it only. */
const REUSE = process.env.METRON_BENCH_REUSE_SEED === "1";
const DATABASE_URL = process.env.METRON_BENCH_CHARTS_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_charts";

async function main(): Promise<void> {
  console.log(`Metron charts benchmark — ${os.cpus().length} CPUs, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
  if (!REUSE) await recreateDatabase(DATABASE_URL);
  const server = await startServer(DATABASE_URL);
  try {
    const started = performance.now();
    const seeded = REUSE ? await findSeededHistory(server.baseUrl) : await seedHistory(server.baseUrl);
    const seconds = (performance.now() - started) / 1000;
    console.log(`${REUSE ? "Reused (seeded earlier)" : "Seeded"} ${seeded.points.toLocaleString("en")} points by log-batch in ${seconds.toFixed(1)} s ` +
      `(${Math.round(seeded.points / seconds).toLocaleString("en")} points/s), 3 experiments logging loss and lr\n`);
    await printSizes(DATABASE_URL);
    const baseline = BASELINE_ROOT ? await startBaselineServer(BASELINE_ROOT, DATABASE_URL) : undefined;
    try {
      await benchmarkServer(server, DATABASE_URL, seeded, baseline);
    } finally {
      await baseline?.stop();
    }
  } finally {
    await server.stop();
  }
}

/** What the history and its chart summaries occupy on disk. */
async function printSizes(databaseUrl: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`
      select c.relname as name, pg_size_pretty(pg_relation_size(c.oid)) as size
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'i') and pg_relation_size(c.oid) > 1048576
      order by pg_relation_size(c.oid) desc`;
    const [blocks] = await sql`select count(*)::int as n from metric_blocks`;
    console.log(`Relations > 1 MB: ${rows.map((r) => `${r.name} ${r.size}`).join(", ")}; ${blocks.n.toLocaleString("en")} summary rows\n`);
  } finally {
    await sql.end();
  }
}

await main();
