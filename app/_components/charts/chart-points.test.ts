import { describe, expect, test } from "vitest";
import {
  appendTail,
  bucketsToPoints,
  countPointsIn,
  liveMinOf,
  mergeWindow,
  mergeWindowByStep,
  pairByStep,
  stepWindowOf,
  type BucketColumns,
  type ChartPoint,
  type JsonNumber,
  type SeriesPayload,
} from "./chart-points";

interface Bucket {
  xFirst: number;
  xLast: number;
  stepFirst: number;
  stepLast: number;
  min: JsonNumber;
  max: JsonNumber;
  last: JsonNumber;
  count: number;
}
/** Buckets written one object each, as charts.series sends them: one array per field. */
const columns = (buckets: Bucket[]): BucketColumns => ({
  xFirst: buckets.map((b) => b.xFirst),
  xLast: buckets.map((b) => b.xLast),
  stepFirst: buckets.map((b) => b.stepFirst),
  stepLast: buckets.map((b) => b.stepLast),
  min: buckets.map((b) => b.min),
  max: buckets.map((b) => b.max),
  last: buckets.map((b) => b.last),
  count: buckets.map((b) => b.count),
});

const pt = (x: number, y = x, step = x): ChartPoint => ({ x, y, min: y, max: y, step, count: 1 });

describe("bucketsToPoints", () => {
  test("the bucket's last value at its last x, extremes for the band, words as numbers", () => {
    expect(
      bucketsToPoints(
        columns([
          { xFirst: 0, xLast: 9, stepFirst: 0, stepLast: 9, min: -1, max: "Infinity", last: "NaN", count: 10 },
          { xFirst: 10, xLast: 10, stepFirst: 10, stepLast: 10, min: "-Infinity", max: 2, last: 2, count: 1 },
        ]),
      ),
    ).toEqual([
      { x: 9, y: Number.NaN, min: -1, max: Number.POSITIVE_INFINITY, step: 9, count: 10 },
      { x: 10, y: 2, min: Number.NEGATIVE_INFINITY, max: 2, step: 10, count: 1 },
    ]);
  });
});

describe("mergeWindow", () => {
  test("the window's points replace the overview inside it", () => {
    const overview = [pt(0), pt(10), pt(20), pt(30)];
    const inside = [pt(11), pt(12), pt(13)];
    expect(mergeWindow(overview, inside, { min: 11, max: 25 }).map((p) => p.x)).toEqual([0, 10, 11, 12, 13, 30]);
  });
  test("an open end keeps the overview on the other side only", () => {
    expect(mergeWindow([pt(0), pt(50)], [pt(40)], { min: 30 }).map((p) => p.x)).toEqual([0, 40]);
  });
});

describe("pairByStep", () => {
  test("each y point takes the other metric's value at the same step", () => {
    const loss = [pt(0, 5, 0), pt(1, 4, 1), pt(2, 3, 2)];
    const lr = [pt(0, 0.1, 0), pt(1, 0.2, 1), pt(2, 0.3, 2)];
    expect(pairByStep(loss, lr).map((p) => [p.x, p.y])).toEqual([[0.1, 5], [0.2, 4], [0.3, 3]]);
  });
  test("nearest step when bucketed; NaN x values are skipped", () => {
    const y = [pt(0, 1, 0), pt(100, 2, 100)];
    const x = [pt(0, Number.NaN, 0), pt(10, 7, 10), pt(90, 8, 90)];
    expect(pairByStep(y, x).map((p) => [p.x, p.y])).toEqual([[7, 1], [8, 2]]);
  });
  test("no usable x: nothing drawn", () => {
    expect(pairByStep([pt(0)], [])).toEqual([]);
  });
});

test("countPointsIn counts the window inclusively", () => {
  expect(countPointsIn([pt(0), pt(5), pt(10), pt(11)], { min: 5, max: 10 })).toBe(2);
  expect(countPointsIn([pt(0), pt(5)], {})).toBe(2);
});

describe("appendTail", () => {
  const bucket = (x: number, v: number, count = 1) => ({ xFirst: x, xLast: x, stepFirst: x, stepLast: x, min: v, max: v, last: v, count });
  test("adds each series' buckets after its own last x and keeps the totals right", () => {
    const held = [
      { runId: "a", key: "loss", total: 2, exact: true, buckets: columns([bucket(0, 1), bucket(1, 2)]) },
      { runId: "b", key: "loss", total: 1, exact: true, buckets: columns([bucket(0, 5)]) },
    ];
    const tail = [
      { runId: "a", key: "loss", total: 3, exact: false, buckets: columns([bucket(1, 2), bucket(2, 3), bucket(3, -1, 4)]) },
      { runId: "b", key: "loss", total: 1, exact: true, buckets: columns([bucket(0, 5)]) },
    ];
    const out = appendTail(held, tail);
    expect(out[0].buckets).toEqual(columns([bucket(0, 1), bucket(1, 2), bucket(2, 3), bucket(3, -1, 4)]));
    expect(out[0]).toMatchObject({ total: 7, exact: false });
    expect(out[1]).toBe(held[1]);
    expect(liveMinOf(out[0])).toBe(4);
    expect(liveMinOf({ ...held[1], buckets: columns([]) })).toBeUndefined();
  });
});

describe("zoom against another metric", () => {
  const bucket = (stepFirst: number, stepLast: number, min: JsonNumber, max: JsonNumber): Bucket => ({
    xFirst: stepFirst, xLast: stepLast, stepFirst, stepLast, min, max, last: max, count: stepLast - stepFirst + 1,
  });
  const series = (buckets: Bucket[]): SeriesPayload => ({ runId: "r", key: "lr", total: 0, exact: false, buckets: columns(buckets) });

  test("the x window becomes the steps where the x metric took those values, over every run", () => {
    // lr falls with the step: 0.1…0.08 in steps 0–9, 0.08…0.06 in 10–19, 0.06…0.04 in 20–29.
    const falling = series([bucket(0, 9, 0.08, 0.1), bucket(10, 19, 0.06, 0.08), bucket(20, 29, 0.04, 0.06)]);
    expect(stepWindowOf([falling], { min: 0.065, max: 0.07 })).toEqual({ min: 10, max: 19 });
    expect(stepWindowOf([falling], { min: 0.05, max: 0.085 })).toEqual({ min: 0, max: 29 });
    // Another run reaches the same values later: its steps count too.
    expect(stepWindowOf([falling, series([bucket(40, 49, 0.065, 0.07)])], { min: 0.065, max: 0.07 })).toEqual({ min: 10, max: 49 });
    expect(stepWindowOf([falling], { min: 0.2, max: 0.3 })).toBeUndefined();
    // All-NaN buckets meet no window; infinite extremes meet every window they reach.
    expect(stepWindowOf([series([bucket(0, 9, "NaN", "NaN"), bucket(10, 19, "-Infinity", 0)])], { min: -5, max: 5 })).toEqual({ min: 10, max: 19 });
  });

  test("the finer points replace the overview inside the x window, the line staying in step order", () => {
    const overview = [pt(0.1, 1, 0), pt(0.08, 2, 10), pt(0.06, 3, 20), pt(0.04, 4, 30)];
    const inside = [pt(0.07, 9, 14), pt(0.065, 8, 16), pt(0.062, 7, 19), pt(0.09, 6, 5)];
    expect(mergeWindowByStep(overview, inside, { min: 0.06, max: 0.075 })).toEqual([
      pt(0.1, 1, 0), pt(0.08, 2, 10), pt(0.07, 9, 14), pt(0.065, 8, 16), pt(0.062, 7, 19), pt(0.04, 4, 30),
    ]);
  });
});
