import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { executeRows } from "../db/rows";
import type { DbHandle } from "../db/types";
import { openTestDatabase } from "../testing/direct-db";
import { insertRunWithHistory } from "../testing/metric-run-fixture";
import { metricBucketsSql, type BucketQuery } from "./metric-buckets-repository";
import { findMetricHistoryColumns } from "./metric-history-points";
import { insertMetricPoints } from "./metrics-repository";

// The query plans of chart reads on a server whose metrics are mostly one long run, as auto-ANALYZE leaves
// it: planned as a join, the point and summary reads became hash joins over sequential scans of whole tables.

const T0 = 1_700_000_000_000;
const LONG_RUN = "planlong".padEnd(32, "0");
let handle: DbHandle;

beforeAll(async () => {
  handle = await openTestDatabase("buckets_plan");
  await handle.db.execute(sql`insert into experiments (name, artifact_location, creation_time, last_update_time)
    values ('buckets plan', '', 0, 0) on conflict do nothing`);
  const history = Array.from({ length: 100_000 }, (_, step) => ({ step, timestamp: T0 + step * 10, value: Math.sin(step / 100) }));
  await insertRunWithHistory(handle.db, { runId: LONG_RUN, startTime: T0 - 5_000 }, history);
  await insertMetricPoints(handle.db, LONG_RUN, [{ key: "lr", step: 0, timestamp: T0, value: 0.1, isNan: false }]);
  for (let i = 0; i < 5; i++) {
    const shortHistory = Array.from({ length: 50 }, (_, step) => ({ step, timestamp: T0 + step, value: step }));
    await insertRunWithHistory(handle.db, { runId: `planshort${i}`.padEnd(32, "0"), startTime: T0 }, shortHistory);
  }
  await handle.db.execute(sql`analyze metrics`);
  await handle.db.execute(sql`analyze metric_blocks`);
}, 120_000);
afterAll(async () => handle?.close());

const planOf = async (query: BucketQuery) => {
  const rows = await executeRows<Record<string, string>>(handle.db, sql`explain (costs off) ${metricBucketsSql(query, "points")}`);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
};

/** The server runs it prepared: after a few calls PostgreSQL may keep one plan made without the values. */
const genericPlanOf = async (query: BucketQuery) => {
  const { sql: text, params } = new PgDialect().sqlToQuery(metricBucketsSql(query, "values"));
  const literal = (v: unknown) => (v === null ? "null" : typeof v === "number" ? String(v) : `'${String(v).replaceAll("'", "''")}'`);
  return handle.db.transaction(async (tx) => {
    await tx.execute(sql`set local plan_cache_mode = force_generic_plan`);
    await tx.execute(sql.raw(`prepare generic_buckets as ${text}`));
    const rows = await executeRows<Record<string, string>>(tx as never, sql.raw(`explain (costs off) execute generic_buckets(${params.map(literal).join(", ")})`));
    await tx.execute(sql`deallocate generic_buckets`);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
};

it("reads every series of a chart through the block summaries' index, planned with or without the values", async () => {
  const series = [{ runId: LONG_RUN, key: "loss" }, { runId: LONG_RUN, key: "lr" }];
  for (const query of [
    { series, x: "step", window: {}, buckets: 1000 },
    { series, x: "step", window: { min: 99_950 }, buckets: 1000 },
    { series, x: "time", window: { min: T0 + 10_000, max: T0 + 500_000 }, buckets: 300 },
    { series, x: "relative", window: {}, buckets: 1000 },
  ] satisfies BucketQuery[]) {
    for (const plan of [await planOf(query), await genericPlanOf(query)]) {
      expect(plan).toContain("metric_blocks_run_uuid_key_axis_width_block_pk on metric_blocks");
      expect(plan.match(/Seq Scan on (metrics|metric_blocks|runs)\b.*/g)).toBeNull();
    }
  }
});

it("reads a full history (REST get-history) along the timestamp index, sorting only points of equal timestamp", async () => {
  // The statement is prepared with its values bound: catch its text and values, then explain it bound the same.
  let statement: { text: string; params: unknown[] } | undefined;
  const catching = { ...handle.db, session: { client: { query: async (text: string, params: unknown[]) => ((statement = { text, params }), { rows: [["true", "0", null, null, null]] }) } } };
  await findMetricHistoryColumns(Object.assign(Object.create(Object.getPrototypeOf(handle.db)), catching), { runId: LONG_RUN, key: "loss", offset: 0 });
  const historyPlan = (await explainBound(statement!.text, statement!.params)).map((line) => line.trim());
  const sortAt = historyPlan.indexOf("->  Incremental Sort");
  expect(historyPlan.slice(sortAt, sortAt + 4)).toEqual([
    "->  Incremental Sort",
    'Sort Key: metrics."timestamp", metrics.step, metrics.value',
    'Presorted Key: metrics."timestamp"',
    "->  Index Scan using metrics_run_key_timestamp_idx on metrics",
  ]);
  expect(historyPlan.join("\n")).not.toMatch(/Seq Scan on metrics/);
});

/** EXPLAIN of a statement with bound values, on either driver; the plan's lines. */
async function explainBound(text: string, params: unknown[]): Promise<string[]> {
  const client = (handle.db as unknown as { session: { client: Record<string, (...args: unknown[]) => Promise<unknown>> } }).session.client;
  if (typeof client.unsafe === "function") {
    const rows = (await client.unsafe(`explain (costs off) ${text}`, params)) as { "QUERY PLAN": string }[];
    return rows.map((row) => row["QUERY PLAN"]);
  }
  const { rows } = (await client.query(`explain (costs off) ${text}`, params)) as { rows: { "QUERY PLAN": string }[] };
  return rows.map((row) => row["QUERY PLAN"]);
}
