import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRows } from "../db/rows";
import type { DbHandle } from "../db/types";
import { openTestDatabase } from "../testing/direct-db";
import { insertRunWithHistory } from "../testing/metric-run-fixture";
import { findMetricBuckets, findMetricBucketValues, type BucketQuery, type BucketRow, type SeriesBucketColumns } from "./metric-buckets-repository";
import { summarizeAllMetricBlockBacklog } from "./metric-block-backlog-repository";
import { insertMetricPoints, type StoredPoint } from "./metrics-repository";
import { readFloat8s } from "./packed-float8";

const T0 = 1_700_000_000_000;
const START = T0 - 5_000;
let handle: DbHandle;
let nextRun = 0;

/** A run (started at START) whose `key` history is `points`, written the way log-batch writes it. */
const runWith = (points: Omit<StoredPoint, "key" | "isNan">[], key = "loss") =>
  insertRunWithHistory(handle.db, { runId: `run${String(nextRun++).padStart(29, "0")}`, startTime: START }, points, key);

/** A row flattened the way charts.series answers it (min/max null when the bucket is all NaN). */
const flat = (r: BucketRow) => ({
  total: r.total,
  xFirst: r.first.x,
  xLast: r.last.x,
  stepFirst: r.first.step,
  stepLast: r.last.step,
  min: r.min?.value ?? null,
  max: r.max?.value ?? null,
  last: r.last.value,
  count: r.count,
});

/** The chart's lean form (findMetricBucketValues, by field) as flat rows, the series' index first. */
const leanRows = (found: SeriesBucketColumns[]) =>
  found.flatMap(({ series, total, buckets: b }) =>
    b.xFirst.map((xFirst, i) => ({
      series, total, xFirst, xLast: b.xLast[i], stepFirst: b.stepFirst[i], stepLast: b.stepLast[i],
      min: Number.isNaN(b.min[i]) ? null : b.min[i], max: Number.isNaN(b.max[i]) ? null : b.max[i], last: b.last[i], count: b.count[i],
    })),
  );

/** Both forms of the same query agree bucket by bucket, bit for bit (-0, NaN, ±Infinity); answers findMetricBuckets' rows. */
const bothForms = async (bucketQuery: BucketQuery) => {
  const rows = await findMetricBuckets(handle.db, bucketQuery);
  expect(leanRows(await findMetricBucketValues(handle.db, bucketQuery))).toEqual(rows.map((r) => ({ series: r.series, ...flat(r) })));
  return rows;
};

const query = async (runId: string, options: Partial<BucketQuery> = {}, key = "loss") =>
  (await bothForms({ series: [{ runId, key }], x: "step", window: {}, buckets: 10, ...options })).map(flat);

/** A point row as exact mode returns it. */
const exact = (total: number, x: number, step: number, value: number) => ({
  total,
  xFirst: x,
  xLast: x,
  stepFirst: step,
  stepLast: step,
  min: Number.isNaN(value) ? null : value,
  max: Number.isNaN(value) ? null : value,
  last: value,
  count: 1,
});

beforeAll(async () => {
  handle = await openTestDatabase("buckets");
  await handle.db.execute(sql`insert into experiments (name, artifact_location, creation_time, last_update_time)
    values ('buckets', '', 0, 0) on conflict do nothing`);
}, 120_000);
afterAll(async () => handle?.close());

describe("findMetricBuckets", () => {
  let longRun: string;
  const SPIKE_STEP = 54_321;
  beforeAll(async () => {
    const points = Array.from({ length: 100_000 }, (_, step) => ({
      step,
      timestamp: T0 + step * 10,
      value: step === SPIKE_STEP ? 1e6 : Math.sin(step / 100),
    }));
    longRun = await runWith(points);
    await insertMetricPoints(handle.db, longRun, [{ key: "lr", step: 0, timestamp: T0, value: 0.1, isNan: false }]);
  }, 120_000);

  it("answers at most N rows for 100k points, every point counted, and the one spike survives as a max", async () => {
    // Width: the smallest multiple of a 16-step block holding 99,999 / 999 steps = 112; buckets start at k·112.
    const rows = await query(longRun, { buckets: 1000 });
    expect(rows).toHaveLength(893);
    expect(rows.every((r) => r.total === 100_000)).toBe(true);
    expect(rows.map((r) => [r.xFirst, r.xLast, r.count])).toEqual(
      Array.from({ length: 893 }, (_, i) => (i < 892 ? [i * 112, i * 112 + 111, 112] : [99_904, 99_999, 96])),
    );
    expect(rows[892]).toMatchObject({ stepFirst: 99_904, stepLast: 99_999, last: Math.sin(999.99) });
    const spiky = rows.filter((r) => r.max! > 1);
    expect(spiky).toEqual([expect.objectContaining({ xFirst: 54_320, xLast: 54_431, max: 1e6, count: 112 })]);

    const coarse = await query(longRun, { buckets: 7 });
    expect(coarse.map((r) => [r.xFirst, r.count])).toEqual([0, 1, 2, 3, 4].map((i) => [i * 20_480, i < 4 ? 20_480 : 18_080]));
    expect(Math.max(...coarse.map((r) => r.max!))).toBe(1e6);
    expect(Math.min(...coarse.map((r) => r.min!))).toBeCloseTo(-1, 4);
  });

  it("in any window, each bucket holds exactly the points from its first to its last x, with their extremes", async () => {
    // Every step 0..99,999 is logged once (x = step, or T0 + 10·step ms): a bucket's points are the
    // steps between its first and last point. Random windows hit every mix of summary widths and ragged ends.
    const valueAt = (step: number) => (step === SPIKE_STEP ? 1e6 : Math.sin(step / 100));
    let seed = 11;
    const random = () => (seed = (seed * 16_807) % 2_147_483_647) / 2_147_483_647;
    for (let i = 0; i < 16; i++) {
      const x = i % 2 === 0 ? ("step" as const) : ("time" as const);
      const scale = x === "step" ? 1 : 10;
      const offset = x === "step" ? 0 : T0;
      const lo = Math.floor(random() * 100_000);
      const hi = Math.min(99_999, lo + Math.floor(random() ** 2 * 100_000));
      const buckets = 2 + Math.floor(random() * 600);
      // Time windows start and end between points.
      const window = { min: offset + lo * scale - (scale > 1 ? 3 : 0), max: offset + hi * scale + (scale > 1 ? 7 : 0) };
      const rows = await query(longRun, { x, window, buckets, exactUpTo: 0 });
      expect(rows.length).toBeLessThanOrEqual(buckets);
      expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(hi - lo + 1);
      for (const [k, r] of rows.entries()) {
        const [first, last] = [(r.xFirst - offset) / scale, (r.xLast - offset) / scale];
        const values = Array.from({ length: last - first + 1 }, (_, j) => valueAt(first + j));
        expect([r.stepFirst, r.stepLast, r.count, r.total]).toEqual([first, last, last - first + 1, hi - lo + 1]);
        expect([r.min, r.max, r.last]).toEqual([Math.min(...values), Math.max(...values), valueAt(last)]);
        if (k > 0) expect(r.xFirst).toBeGreaterThan(rows[k - 1].xLast);
      }
      expect([rows[0].stepFirst, rows.at(-1)!.stepLast]).toEqual([lo, hi]);
    }
  });

  it("re-buckets a zoomed window finer, counting its ragged ends point by point, and goes exact when few", async () => {
    const zoomed = await query(longRun, { window: { min: 50_005, max: 59_994 }, buckets: 100 });
    expect(zoomed).toHaveLength(90);
    expect(zoomed.reduce((sum, r) => sum + r.count, 0)).toBe(9_990);
    expect(zoomed[0]).toMatchObject({ total: 9_990, xFirst: 50_005, xLast: 50_063, count: 59 });
    expect(zoomed[89]).toMatchObject({ xFirst: 59_920, xLast: 59_994, count: 75 });
    expect(zoomed.find((r) => r.max === 1e6)).toMatchObject({ xFirst: 54_320, xLast: 54_431 });

    const narrow = await query(longRun, { window: { min: 54_000, max: 54_999 }, buckets: 100 });
    expect(narrow).toHaveLength(91);
    expect(narrow[0]).toMatchObject({ total: 1000, xFirst: 54_000, xLast: 54_009, count: 10 });
    expect(narrow.find((r) => r.max === 1e6)).toMatchObject({ xFirst: 54_318, xLast: 54_328, count: 11 });

    const tail = await query(longRun, { window: { min: 99_997.5 }, buckets: 10 });
    expect(tail).toEqual([99_998, 99_999].map((step) => exact(2, step, step, Math.sin(step / 100))));
  });

  it("windows wall-clock and relative time on the timestamp, with x in those units", async () => {
    const time = await query(longRun, { x: "time", window: { min: T0 + 100, max: T0 + 120 } });
    expect(time).toEqual([10, 11, 12].map((step) => exact(3, T0 + step * 10, step, Math.sin(step / 100))));

    const relative = await query(longRun, { x: "relative", window: { min: 5_100, max: 5_120 } });
    expect(relative).toEqual([10, 11, 12].map((step) => exact(3, 5_000 + step * 10, step, Math.sin(step / 100))));

    // Time buckets start at multiples of their width in wall-clock ms; relative ones are the same buckets shifted.
    const timeBuckets = await query(longRun, { x: "time", buckets: 4 });
    expect(timeBuckets.length).toBeLessThanOrEqual(4);
    expect(timeBuckets.reduce((sum, r) => sum + r.count, 0)).toBe(100_000);
    expect([timeBuckets[0].xFirst, timeBuckets.at(-1)!.xLast]).toEqual([T0, T0 + 999_990]);
    const width = 393_216; // 6 blocks of 65,536 ms: the widest block whose multiple fits 999,990 ms in 3 widths closely
    expect(timeBuckets.map((r) => Math.floor(r.xFirst / width))).toEqual(timeBuckets.map((r) => Math.floor(r.xLast / width)));
    const relativeBuckets = await query(longRun, { x: "relative", buckets: 4 });
    expect(relativeBuckets).toEqual(timeBuckets.map((r) => ({ ...r, xFirst: r.xFirst - START, xLast: r.xLast - START })));
  });

  it("counts points the summarizer has not caught up with at once, with the same buckets as after it", async () => {
    const points = Array.from({ length: 50_000 }, (_, step) => ({ step, timestamp: T0 + step * 10, value: Math.cos(step / 70) }));
    const runId = await runWith(points); // summarized
    // Logged since the last summary pass: a tail, and a late point far inside the summarized range.
    const tail = Array.from({ length: 3_000 }, (_, i) => ({ key: "loss", step: 50_000 + i, timestamp: T0 + (50_000 + i) * 10, value: i === 1_234 ? 1e6 : 0.5, isNan: false }));
    await handle.db.transaction((tx) => insertMetricPoints(tx as never, runId, [...tail, { key: "loss", step: 10_000, timestamp: T0 + 5, value: -1e6, isNan: false }]));
    const cases = ([
      { buckets: 1000 },
      { buckets: 7 },
      { x: "time", buckets: 50 },
      { x: "relative", buckets: 300 },
      { window: { min: 9_000, max: 51_500 }, buckets: 100 },
      { x: "time", window: { min: T0 + 400_000, max: T0 + 600_000 }, buckets: 30 },
    ] as Partial<BucketQuery>[]).map((c) => ({ ...c, exactUpTo: 0 }));
    const before: Awaited<ReturnType<typeof query>>[] = [];
    for (const c of cases) before.push(await query(runId, c));
    expect(before[0].reduce((sum, r) => sum + r.count, 0)).toBe(53_001);
    expect(Math.max(...before[1].map((r) => r.max!))).toBe(1e6);
    expect(Math.min(...before[2].map((r) => r.min!))).toBe(-1e6);
    expect(await summarizeAllMetricBlockBacklog(handle.db)).toBe(1);
    for (const [i, c] of cases.entries()) expect(before[i]).toEqual(await query(runId, c));
  });

  it("keeps series apart and in request order; unknown runs and keys give no rows", async () => {
    const rows = await bothForms({
      series: [
        { runId: longRun, key: "lr" },
        { runId: "nope", key: "loss" },
        { runId: longRun, key: "nope" },
        { runId: longRun, key: "loss" },
      ],
      x: "step",
      window: {},
      buckets: 2,
    });
    expect(rows.map((r) => [r.series, r.total, r.count])).toEqual([
      [0, 1, 1],
      [3, 100_000, 100_000],
    ]);
  });

  it("handles all-step-0 data: one bucket, or every point in timestamp order when few", async () => {
    const points = Array.from({ length: 50 }, (_, i) => ({ step: 0, timestamp: T0 + 49 - i, value: i }));
    const runId = await runWith(points);
    expect(await query(runId, { buckets: 10 })).toEqual([
      { total: 50, xFirst: 0, xLast: 0, stepFirst: 0, stepLast: 0, min: 0, max: 49, last: 0, count: 50 },
    ]);
    const all = await query(runId, { buckets: 50 });
    expect(all).toEqual([...points].reverse().map((p) => exact(50, 0, 0, p.value)));
  });

  it("orders duplicate steps by timestamp then value and counts each point", async () => {
    const runId = await runWith([
      { step: 5, timestamp: T0 + 2, value: 3 },
      { step: 5, timestamp: T0 + 1, value: 9 },
      { step: 5, timestamp: T0 + 1, value: 1 },
      { step: 1, timestamp: T0 + 9, value: 7 },
    ]);
    expect(await query(runId)).toEqual([exact(4, 1, 1, 7), exact(4, 5, 5, 1), exact(4, 5, 5, 9), exact(4, 5, 5, 3)]);
    expect(await query(runId, { buckets: 1 })).toEqual([
      { total: 4, xFirst: 1, xLast: 5, stepFirst: 1, stepLast: 5, min: 1, max: 9, last: 3, count: 4 },
    ]);
  });

  it("leaves NaN out of min/max unless a bucket is all NaN, and counts ±Infinity as values", async () => {
    const runId = await runWith([
      { step: 0, timestamp: T0, value: Number.NaN },
      { step: 1, timestamp: T0, value: Number.NaN },
      { step: 2, timestamp: T0, value: 2 },
      { step: 3, timestamp: T0, value: Number.NaN },
      { step: 4, timestamp: T0, value: Number.POSITIVE_INFINITY },
      { step: 5, timestamp: T0, value: Number.NEGATIVE_INFINITY },
    ]);
    const rows = await query(runId, { buckets: 4 });
    expect(rows).toEqual([
      { total: 6, xFirst: 0, xLast: 1, stepFirst: 0, stepLast: 1, min: null, max: null, last: Number.NaN, count: 2 },
      { total: 6, xFirst: 2, xLast: 3, stepFirst: 2, stepLast: 3, min: 2, max: 2, last: Number.NaN, count: 2 },
      {
        total: 6, xFirst: 4, xLast: 5, stepFirst: 4, stepLast: 5,
        min: Number.NEGATIVE_INFINITY, max: Number.POSITIVE_INFINITY, last: Number.NEGATIVE_INFINITY, count: 2,
      },
    ]);
    expect((await query(runId, { buckets: 6 })).map((r) => r.last)).toEqual([NaN, NaN, 2, NaN, Infinity, -Infinity]);
  });

  it("buckets over a closed window's bounds, not the data's, so zoomed buckets line up", async () => {
    const runId = await runWith(Array.from({ length: 20 }, (_, step) => ({ step, timestamp: T0, value: step })));
    // Window [0, 39] in 2 buckets: [0, 19.5) holds everything, the second bucket is empty.
    expect(await query(runId, { window: { min: 0, max: 39 }, buckets: 2 })).toEqual([
      { total: 20, xFirst: 0, xLast: 19, stepFirst: 0, stepLast: 19, min: 0, max: 19, last: 19, count: 20 },
    ]);
    expect(await query(runId, { window: { min: 30 }, buckets: 2 })).toEqual([]);
    // A closed window past the data (a zoom where this series logged nothing) has no bucket, in both forms.
    expect(await query(runId, { window: { min: 30, max: 39 }, buckets: 2 })).toEqual([]);
  });

  it("keeps block summaries exact through replayed batches and points logged late into old blocks", async () => {
    const runId = await runWith(Array.from({ length: 64 }, (_, step) => ({ step, timestamp: T0 + step, value: step })));
    const replay = Array.from({ length: 10 }, (_, step) => ({ key: "loss", step, timestamp: T0 + step, value: step, isNan: false }));
    await handle.db.transaction((tx) => insertMetricPoints(tx as never, runId, [...replay, { key: "loss", step: 5, timestamp: T0 + 99, value: -7, isNan: false }]));
    // 64 steps in 2 buckets: one bucket of 64 made of four 16-step summaries.
    expect(await query(runId, { buckets: 2 })).toEqual([
      { total: 65, xFirst: 0, xLast: 63, stepFirst: 0, stepLast: 63, min: -7, max: 63, last: 63, count: 65 },
    ]);
    expect((await query(runId, { buckets: 65 })).filter((r) => r.xFirst === 5).map((r) => r.last)).toEqual([5, -7]);
  });

  it("the backfill migrations rebuild exactly the summaries the write path kept", async () => {
    const snapshot = () =>
      executeRows(handle.db, sql`select run_uuid, key, axis, width, block, count::text, first_point::text, last_point::text,
        min_point::text, max_point::text from metric_blocks order by run_uuid, key, axis, width, block`);
    await summarizeAllMetricBlockBacklog(handle.db); // what the server's summarizer does soon after each write
    const kept = await snapshot();
    expect(kept.length).toBeGreaterThan(7_000);
    await handle.db.execute(sql`delete from metric_blocks`);
    // 0004 built the 16×-apart widths from the points; 0007 the widths between them from those.
    for (const file of ["0004_backfill_metric_blocks.sql", "0007_metric_blocks_4x.sql"]) {
      const migration = fs.readFileSync(path.join(process.cwd(), "drizzle", file), "utf8");
      for (const statement of migration.split("--> statement-breakpoint")) await handle.db.execute(sql.raw(statement));
    }
    expect(await snapshot()).toEqual(kept);
  });
});

describe("the lean form's packed float8s", () => {
  it("read back what PostgreSQL's float8send wrote, bit for bit, on this driver", async () => {
    const texts = ["NaN", "Infinity", "-Infinity", "-0", "0", "4.9e-324", "2.2250738585072e-308", "9007199254740993", "-1.7976931348623157e308", "0.1"];
    const [row] = await executeRows<{ packed: Uint8Array }>(
      handle.db,
      sql`select string_agg(float8send(v::float8), ''::bytea order by i) as packed from unnest(${`{${texts.join(",")}}`}::text[]) with ordinality t(v, i)`,
    );
    expect(Array.from(readFloat8s(row.packed))).toEqual(texts.map(Number));
  });
});
