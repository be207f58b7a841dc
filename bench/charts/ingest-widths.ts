// What the chart summaries' widths cost on write, measured in one run: the log-batch statement
// (points appended + latest_metrics + backlog) and the summarizer's pass after it, with the widths 16× apart (before
// migration 0008) and 4× apart (now), alternating batch by batch so that load falls on both alike.
//   node --import tsx bench/charts/ingest-widths.ts        (PostgreSQL, recreated on every run)
import os from "node:os";
import { openDatabase } from "../../server/db/client";
import { METRIC_BLOCK_WIDTHS } from "../../server/db/schema";
import type { BlockWidths } from "../../server/repositories/metric-blocks-sql";
import { summarizeMetricBlockBacklog } from "../../server/repositories/metric-block-backlog-repository";
import { insertMetricPoints, type StoredPoint } from "../../server/repositories/metrics-repository";
import { recreateDatabase } from "../../server/testing/test-server";
import { lossAt } from "./seed";

const DATABASE_URL = process.env.METRON_BENCH_CHARTS_INGEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_charts_ingest";
const SIXTEEN_APART: BlockWidths = { step: [16, 256, 4096, 65536], time: [1024, 16384, 262144, 4194304] };
const BATCHES = 200;
const POINTS_PER_BATCH = 1000;

async function main(): Promise<void> {
  console.log(`Summary widths on write — ${os.cpus().length} CPUs, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  await recreateDatabase(DATABASE_URL);
  const handle = await openDatabase({ databaseUrl: DATABASE_URL, dataDir: "", searchTimeoutMs: 60_000 });
  const variants = [
    { label: "widths 16× apart (4 per axis, before)", widths: SIXTEEN_APART, runId: "a".repeat(32), ms: 0 },
    { label: "widths 4× apart (7 per axis, now)", widths: METRIC_BLOCK_WIDTHS, runId: "b".repeat(32), ms: 0 },
  ];
  try {
    for (let batch = 0; batch < BATCHES; batch++) {
      // Like bench/charts/seed.ts: loss every step, lr every step, 100 ms apart.
      const points: StoredPoint[] = [];
      for (let i = 0; i < POINTS_PER_BATCH / 2; i++) {
        const step = batch * (POINTS_PER_BATCH / 2) + i;
        const timestamp = 1_700_000_000_000 + step * 100;
        points.push({ key: "loss", value: lossAt(step), timestamp, step, isNan: false }, { key: "lr", value: 1e-3, timestamp, step, isNan: false });
      }
      for (const variant of batch % 2 === 0 ? variants : [...variants].reverse()) {
        const started = performance.now();
        await handle.db.transaction((tx) => insertMetricPoints(tx, variant.runId, points));
        await summarizeMetricBlockBacklog(handle.db, 500, variant.widths);
        variant.ms += performance.now() - started;
      }
    }
    const total = BATCHES * POINTS_PER_BATCH;
    for (const v of variants) console.log(`${v.label.padEnd(40)} ${(v.ms / BATCHES).toFixed(2)} ms per 1000-point batch, ${Math.round(total / (v.ms / 1000)).toLocaleString("en")} points/s`);
    console.log(`ratio (4× / 16×): ${(variants[1].ms / variants[0].ms).toFixed(2)}; load average after ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  } finally {
    await handle.close();
  }
}

await main();
