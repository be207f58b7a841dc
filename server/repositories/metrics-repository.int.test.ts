import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRows } from "../db/rows";
import type { DbHandle } from "../db/types";
import { openTestDatabase } from "../testing/direct-db";
import { summarizeAllMetricBlockBacklog, summarizeMetricBlockBacklog } from "./metric-block-backlog-repository";
import { insertMetricPoints, rebuildMetricBlocks, type StoredPoint } from "./metrics-repository";

// The append statement is compiled once per shape and reused with every run's values: what it stores
// must be what the summaries of the stored points are, whichever path (savepoint, duplicate replay,
// small batch) wrote them, and each run must get its own rows.

const T0 = 1_700_000_000_000;
let handle: DbHandle;

beforeAll(async () => {
  handle = await openTestDatabase("metric_writes");
  await handle.db.execute(sql`insert into experiments (name, artifact_location, creation_time, last_update_time) values ('writes', '', 0, 0)`);
  for (const runId of ["a".repeat(32), "b".repeat(32)]) {
    await handle.db.execute(sql`insert into runs (run_uuid, name, experiment_id, status, start_time, artifact_uri)
      values (${runId}, ${runId}, (select min(experiment_id) from experiments), 'RUNNING', ${T0}, '')`);
  }
}, 120_000);
afterAll(async () => handle?.close());

const point = (key: string, step: number, value: number): StoredPoint => ({ key, step, timestamp: T0 + step * 250, value, isNan: Number.isNaN(value) });
const write = (runId: string, points: StoredPoint[]) => handle.db.transaction((tx) => insertMetricPoints(tx as never, runId, points));

const backlog = () =>
  executeRows(handle.db, sql`select run_uuid, key, min_step::float8 as min_step, min_timestamp::float8 as min_timestamp from metric_block_backlog order by 1, 2`);

const blocksOf = (runId: string) =>
  executeRows<Record<string, unknown>>(handle.db, sql`select key, axis, width, block, count, first_point, last_point, min_point, max_point
    from metric_blocks where run_uuid = ${runId} order by key, axis, width, block`);

describe("insertMetricPoints", () => {
  it("keeps each run's points, latest value and summaries equal to a rebuild from its stored points", async () => {
    const [a, b] = ["a".repeat(32), "b".repeat(32)];
    const batch = (from: number) => Array.from({ length: 200 }, (_, i) => point(i % 2 ? "loss" : "acc", from + i, from + i === 150 ? NaN : Math.cos(from + i)));
    await write(a, batch(0));
    await write(b, [point("loss", 0, 5)]);
    await write(a, batch(200));
    await write(a, batch(200)); // a client's retry: replayed with duplicates ignored, counted once
    for (let step = 1; step <= 5; step++) await write(b, [point("loss", step, 5 - step)]);
    await write(a, [...batch(400).slice(0, 30), point("loss", 399, -1)]); // small batch, one point late

    const counts = await executeRows<{ run_uuid: string; n: number }>(handle.db, sql`select run_uuid, count(*)::int as n from metrics group by run_uuid order by run_uuid`);
    expect(counts).toEqual([{ run_uuid: a, n: 431 }, { run_uuid: b, n: 6 }]);
    const latest = await executeRows(handle.db, sql`select run_uuid, key, step::int as step, value from latest_metrics order by run_uuid, key`);
    expect(latest).toEqual([
      { run_uuid: a, key: "acc", step: 428, value: Math.cos(428) },
      { run_uuid: a, key: "loss", step: 429, value: Math.cos(429) },
      { run_uuid: b, key: "loss", step: 5, value: 0 },
    ]);

    expect(await backlog()).toEqual([
      { run_uuid: a, key: "acc", min_step: 0, min_timestamp: T0 },
      { run_uuid: a, key: "loss", min_step: 1, min_timestamp: T0 + 250 },
      { run_uuid: b, key: "loss", min_step: 0, min_timestamp: T0 },
    ]);
    expect(await summarizeAllMetricBlockBacklog(handle.db)).toBe(3);
    expect(await backlog()).toEqual([]);
    for (const runId of [a, b]) {
      const written = await blocksOf(runId);
      expect(written.length).toBeGreaterThan(0);
      await rebuildMetricBlocks(handle.db, runId);
      expect(await blocksOf(runId)).toEqual(written);
    }
  });

  it("summarizes in passes between writes, late points included, exactly as the stored points' summaries", async () => {
    const c = "c".repeat(32);
    await handle.db.execute(sql`insert into runs (run_uuid, name, experiment_id, status, start_time, artifact_uri)
      values (${c}, ${c}, (select min(experiment_id) from experiments), 'RUNNING', ${T0}, '')`);
    // Per-step writes across block borders of every width, a summary pass now and then, late points
    // (far below the summarized range, and inside it), a NaN and a retried duplicate.
    for (let step = 0; step < 300; step++) {
      await write(c, [point("loss", step, step === 77 ? NaN : Math.sin(step))]);
      if (step % 37 === 0) await summarizeMetricBlockBacklog(handle.db, 1);
    }
    await write(c, [point("loss", 5000, 1), point("loss", 5001, 2)]);
    await summarizeAllMetricBlockBacklog(handle.db);
    await write(c, [point("loss", 3, -7), point("loss", 290, 9)]);
    await write(c, [point("loss", 290, 9)]);
    expect(await backlog()).toEqual([{ run_uuid: c, key: "loss", min_step: 3, min_timestamp: T0 + 750 }]);
    await summarizeAllMetricBlockBacklog(handle.db);
    const summarized = await blocksOf(c);
    await rebuildMetricBlocks(handle.db, c);
    expect(summarized).toEqual(await blocksOf(c));
    expect(summarized.filter((b) => b.axis === "step" && Number(b.width) === 16).reduce((n, b) => n + Number(b.count), 0)).toBe(304);
  });
});
