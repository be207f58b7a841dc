import { describe, expect, it } from "vitest";
import { createExperiment, createRun, post, uniqueName } from "../testing/api";
import { T0 } from "../testing/runs";
import { trpcQuery } from "../testing/trpc";

const START = T0 - 1_000;
const point = (key: string, value: number | string, step: number, timestamp = T0 + step) => ({ key, value, step, timestamp });
const one = (x: number, step: number, value: number | string) => ({ xFirst: x, xLast: x, stepFirst: step, stepLast: step, min: value, max: value, last: value, count: 1 });
const FIELDS = ["xFirst", "xLast", "stepFirst", "stepLast", "min", "max", "last", "count"] as const;
type Bucket = Record<(typeof FIELDS)[number], number | string>;
/** The answer sends buckets as one array per field: these write and read them one object per bucket. */
const columns = (buckets: Bucket[]) => Object.fromEntries(FIELDS.map((f) => [f, buckets.map((b) => b[f])]));
const bucketsOf = (cols: Record<string, unknown[]>): Bucket[] =>
  cols.xLast.map((_, i) => Object.fromEntries(FIELDS.map((f) => [f, cols[f][i]])) as Bucket);

async function runWith(metrics: ReturnType<typeof point>[]): Promise<string> {
  const runId = await createRun(await createExperiment(uniqueName("charts")), { start_time: START });
  for (let i = 0; i < metrics.length; i += 1000) {
    const res = await post("runs/log-batch", { run_id: runId, metrics: metrics.slice(i, i + 1000) });
    expect(res.status).toBe(200);
  }
  return runId;
}

describe("tRPC charts.series", () => {
  it("buckets a long series into at most N min/max/last buckets and keeps its one spike", async () => {
    const runId = await runWith(Array.from({ length: 3000 }, (_, step) => point("loss", step === 1234 ? 99 : step % 10, step)));
    const res = await trpcQuery("charts.series", { series: [{ runId, key: "loss" }], x: "step", buckets: 30 });
    expect(res.status).toBe(200);
    const [series] = res.body.result.data.series;
    expect(series).toMatchObject({ runId, key: "loss", total: 3000, exact: false });
    // Bucket width: 2999 / 29 = 103.4 steps, within 25 % by two 64-step summary blocks (the widest that fits): 128.
    const buckets = bucketsOf(series.buckets);
    expect(buckets).toHaveLength(24);
    expect(buckets[0]).toEqual({ xFirst: 0, xLast: 127, stepFirst: 0, stepLast: 127, min: 0, max: 9, last: 7, count: 128 });
    expect(buckets[23]).toEqual({ xFirst: 2944, xLast: 2999, stepFirst: 2944, stepLast: 2999, min: 0, max: 9, last: 9, count: 56 });
    expect(buckets.filter((b) => b.max === 99)).toEqual([
      { xFirst: 1152, xLast: 1279, stepFirst: 1152, stepLast: 1279, min: 0, max: 99, last: 9, count: 128 },
    ]);

    // Zoom: the window re-buckets finer; a small window returns exact points.
    const zoomed = await trpcQuery("charts.series", { series: [{ runId, key: "loss" }], x: "step", window: { min: 1230, max: 1236 }, buckets: 30 });
    expect(zoomed.body.result.data.series[0]).toEqual({
      runId,
      key: "loss",
      total: 7,
      exact: true,
      buckets: {
        xFirst: [1230, 1231, 1232, 1233, 1234, 1235, 1236],
        xLast: [1230, 1231, 1232, 1233, 1234, 1235, 1236],
        stepFirst: [1230, 1231, 1232, 1233, 1234, 1235, 1236],
        stepLast: [1230, 1231, 1232, 1233, 1234, 1235, 1236],
        min: [0, 1, 2, 3, 99, 5, 6],
        max: [0, 1, 2, 3, 99, 5, 6],
        last: [0, 1, 2, 3, 99, 5, 6],
        count: [1, 1, 1, 1, 1, 1, 1],
      },
    });
  });

  it("returns NaN and ±Infinity as words, on time and relative axes, series in request order", async () => {
    const runId = await runWith([point("acc", "NaN", 0), point("acc", "Infinity", 1), point("acc", "-Infinity", 2), point("acc", 0.5, 3)]);
    const series = [
      { runId, key: "acc" },
      { runId: "0123456789abcdef0123456789abcdef", key: "acc" },
      { runId, key: "missing" },
    ];
    const time = await trpcQuery("charts.series", { series, x: "time", window: { min: T0 + 1 }, buckets: 10 });
    expect(time.body.result.data.series).toEqual([
      { runId, key: "acc", total: 3, exact: true, buckets: columns([one(T0 + 1, 1, "Infinity"), one(T0 + 2, 2, "-Infinity"), one(T0 + 3, 3, 0.5)]) },
      { ...series[1], total: 0, exact: true, buckets: columns([]) },
      { ...series[2], total: 0, exact: true, buckets: columns([]) },
    ]);

    const relative = await trpcQuery("charts.series", { series: [series[0]], x: "relative", window: { max: 1_000 }, buckets: 1 });
    expect(bucketsOf(relative.body.result.data.series[0].buckets)).toEqual([
      { xFirst: 1_000, xLast: 1_000, stepFirst: 0, stepLast: 0, min: "NaN", max: "NaN", last: "NaN", count: 1 },
    ]);
    const all = await trpcQuery("charts.series", { series: [series[0]], x: "relative", buckets: 1 });
    expect(all.body.result.data.series[0]).toMatchObject({
      total: 4,
      exact: false,
      buckets: columns([{ xFirst: 1_000, xLast: 1_003, stepFirst: 0, stepLast: 3, min: "-Infinity", max: "Infinity", last: 0.5, count: 4 }]),
    });
  });

  it("answers a zoom of many charts in one call: each (run, key) series as its own call would", async () => {
    const curve = (key: string, scale: number) => Array.from({ length: 500 }, (_, step) => point(key, scale * ((step * 7) % 13), step));
    const runA = await runWith([...curve("loss", 1), ...curve("lr", 0.01)]);
    const runB = await runWith([...curve("loss", 2), ...curve("lr", 0.02)]);
    const series = ["loss", "lr"].flatMap((key) => [runA, runB].map((runId) => ({ runId, key })));
    const window = { min: 100, max: 399 };
    const combined = await trpcQuery("charts.series", { series, x: "step", window, buckets: 20 });
    expect(combined.status).toBe(200);
    const alone = await Promise.all(series.map((s) => trpcQuery("charts.series", { series: [s], x: "step", window, buckets: 20 })));
    expect(combined.body.result.data.series).toEqual(alone.map((res) => res.body.result.data.series[0]));
    expect(combined.body.result.data.series.map((s: { runId: string; key: string; total: number }) => [s.runId, s.key, s.total])).toEqual([
      [runA, "loss", 300],
      [runB, "loss", 300],
      [runA, "lr", 300],
      [runB, "lr", 300],
    ]);
    expect(bucketsOf(combined.body.result.data.series[1].buckets)[0]).toMatchObject({ stepFirst: 100, min: 0, max: 24 });
  });

  it("rejects more than 200 series and bucket counts outside 1..2000 with 400", async () => {
    const series = (n: number) => Array.from({ length: n }, (_, i) => ({ runId: `r${i}`, key: "loss" }));
    const ok = await trpcQuery("charts.series", { series: series(200), x: "step", buckets: 2000 });
    expect(ok.status).toBe(200);
    expect(ok.body.result.data.series).toHaveLength(200);
    for (const input of [
      { series: series(201), x: "step", buckets: 10 },
      { series: series(1), x: "step", buckets: 0 },
      { series: series(1), x: "step", buckets: 2001 },
      { series: series(1), x: "step", buckets: 1.5 },
      { series: series(1), x: "epoch", buckets: 10 },
      { series: [], x: "step", buckets: 10 },
    ]) {
      const res = await trpcQuery("charts.series", input);
      expect(res.status, JSON.stringify(input).slice(0, 80)).toBe(400);
    }
  });
});
