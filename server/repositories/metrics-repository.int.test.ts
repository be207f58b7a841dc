import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRows } from "../db/rows";
import type { DbHandle } from "../db/types";
import { openTestDatabase } from "../testing/direct-db";
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

    for (const runId of [a, b]) {
      const written = await blocksOf(runId);
      expect(written.length).toBeGreaterThan(0);
      await rebuildMetricBlocks(handle.db, runId);
      expect(await blocksOf(runId)).toEqual(written);
    }
  });
});
