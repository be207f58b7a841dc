// Where the log-batch statement's PostgreSQL time goes (issue 18: log-batch ≥ 0.5 × COPY), one batch
// of bench/ingest's workload at a time, the variants alternating so that the machine's load falls on
// all alike, each into its own run:
//   - COPY of the batch's rows into metrics (the floor);
//   - the append statement without chart summaries (points + latest_metrics only);
//   - insertMetricPoints as the server runs it (points + latest_metrics + metric_block_backlog);
//   - the same followed by a summary pass per batch (the summarizer's worst case), which also summarizes the
//     previous variant's batch: its cost over two batches.
//   node --conditions=react-server --import tsx bench/ingest/blocks-cost.ts      (BATCHES=80, POINTS=1000)
// PostgreSQL: METRON_BENCH_BLOCKS_DATABASE_URL (default …/metron_bench_blocks), recreated on every run.
import os from "node:os";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../server/db/client";
import { boolArrayLiteral, numberArrayLiteral, textArrayLiteral } from "../../server/db/pg-array";
import { executePrepared } from "../../server/db/prepared";
import type { Db } from "../../server/db/types";
import { summarizeMetricBlockBacklog } from "../../server/repositories/metric-block-backlog-repository";
import { insertMetricPoints } from "../../server/repositories/metrics-repository";
import { recreateDatabase } from "../../server/testing/test-server";
import { openBenchSql } from "./ingest";
import { copyRows, pointsOfRequest, type Point } from "./workload";

const DATABASE_URL = process.env.METRON_BENCH_BLOCKS_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_blocks";
const BATCHES = Number(process.env.BATCHES ?? 80);
const POINTS = Number(process.env.POINTS ?? 1000);
const WARMUP = 4;

type Write = (db: Db, runId: string, points: Point[]) => Promise<unknown>;

/** The append statement of metrics-repository.ts without its metric_blocks merge. */
function appendWithoutSummaries(): Write {
  return (db, runId, points) =>
    executePrepared(db, sql`
      with points as (
        select * from unnest(${textArrayLiteral(points.map((p) => p.key))}::text[], ${numberArrayLiteral(points.map((p) => p.value))}::float8[],
          ${numberArrayLiteral(points.map((p) => p.timestamp))}::int8[], ${numberArrayLiteral(points.map((p) => p.step))}::int8[],
          ${boolArrayLiteral(points.map(() => false))}::bool[]) as p(key, value, "timestamp", step, is_nan)
      ), appended as (
        insert into metrics (run_uuid, key, step, "timestamp", value, is_nan)
        select ${runId}, key, step, "timestamp", value, is_nan from points
        returning key, step, "timestamp", value, is_nan
      )
      insert into latest_metrics (run_uuid, key, step, "timestamp", value, is_nan, experiment_id)
      select distinct on (key) ${runId}, key, step, "timestamp", value, is_nan, (select experiment_id from runs where run_uuid = ${runId}) from points
      order by key, step desc, "timestamp" desc, value desc
      on conflict (run_uuid, key) do update
        set step = excluded.step, "timestamp" = excluded."timestamp", value = excluded.value, is_nan = excluded.is_nan
        where (excluded.step, excluded."timestamp", excluded.value) > (latest_metrics.step, latest_metrics."timestamp", latest_metrics.value)`, "bench_append_without_summaries");
}


interface Variant {
  label: string;
  write: Write | "copy";
  ms: number;
}

async function main(): Promise<void> {
  const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" ");
  console.log(`log-batch statement cost, ${BATCHES} batches of ${POINTS} points (${WARMUP} warm-up); load average ${load()}`);
  await recreateDatabase(DATABASE_URL);
  const handle = await openDatabase({ databaseUrl: DATABASE_URL, dataDir: "", searchTimeoutMs: 60_000 });
  const raw = openBenchSql(DATABASE_URL, 1);
  const variants: Variant[] = [
    { label: "COPY into metrics", write: "copy", ms: 0 },
    { label: "append without summaries", write: appendWithoutSummaries(), ms: 0 },
    { label: "insertMetricPoints (as served)", write: (db, runId, points) => insertMetricPoints(db, runId, points.map((p) => ({ ...p, isNan: false }))), ms: 0 },
    {
      label: "… + a pass (2 runs: this and above)",
      write: async (db, runId, points) => {
        await insertMetricPoints(db, runId, points.map((p) => ({ ...p, isNan: false })));
        await summarizeMetricBlockBacklog(db);
      },
      ms: 0,
    },
  ];
  try {
    await raw`insert into experiments (name, artifact_location, lifecycle_stage, creation_time, last_update_time) values ('blocks', '', 'active', 0, 0)`;
    const runOf = (v: number) => `bench${String(v).padStart(27, "0")}`;
    for (const v of variants.keys()) {
      await raw`insert into runs (run_uuid, name, experiment_id, status, start_time, artifact_uri) select ${runOf(v)}, ${runOf(v)}, max(experiment_id), 'RUNNING', 0, '' from experiments`;
    }
    for (let batch = 0; batch < BATCHES; batch++) {
      const points = pointsOfRequest(0, batch, 1_700_000_000_000).slice(0, POINTS);
      const order = [...variants.entries()];
      for (const [v, variant] of batch % 2 === 0 ? order : order.reverse()) {
        const started = performance.now();
        if (variant.write === "copy") {
          const stream = await raw`copy metrics (run_uuid, key, step, "timestamp", value, is_nan) from stdin`.writable();
          await pipeline(Readable.from([copyRows(runOf(v), points)]), stream);
        } else {
          const write = variant.write;
          await handle.db.transaction((tx) => write(tx as unknown as Db, runOf(v), points));
        }
        if (batch >= WARMUP) variant.ms += performance.now() - started;
      }
    }
    const floor = variants[0].ms;
    for (const v of variants) console.log(`  ${v.label.padEnd(32)} ${(v.ms / (BATCHES - WARMUP)).toFixed(2).padStart(7)} ms per batch   ${(v.ms / floor).toFixed(2)} × COPY`);
    const [blocks] = await raw`select count(*)::int as n from metric_blocks`;
    console.log(`  metric_blocks rows written by the summary passes: ${blocks.n} (${(blocks.n / BATCHES).toFixed(0)} per batch); load average ${load()}`);
  } finally {
    await raw.end();
    await handle.close();
  }
}

await main();
