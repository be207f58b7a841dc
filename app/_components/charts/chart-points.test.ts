import { describe, expect, test } from "vitest";
import { appendTail, bucketsToPoints, countPointsIn, liveMinOf, mergeWindow, pairByStep, type ChartPoint } from "./chart-points";

const pt = (x: number, y = x, step = x): ChartPoint => ({ x, y, min: y, max: y, step, count: 1 });

describe("bucketsToPoints", () => {
  test("the bucket's last value at its last x, extremes for the band, words as numbers", () => {
    expect(
      bucketsToPoints([
        { xFirst: 0, xLast: 9, stepFirst: 0, stepLast: 9, min: -1, max: "Infinity", last: "NaN", count: 10 },
        { xFirst: 10, xLast: 10, stepFirst: 10, stepLast: 10, min: "-Infinity", max: 2, last: 2, count: 1 },
      ]),
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
  const bucket = (x: number, v: number) => ({ xFirst: x, xLast: x, stepFirst: x, stepLast: x, min: v, max: v, last: v, count: 1 });
  test("adds each series' buckets after its own last x and keeps the totals right", () => {
    const held = [
      { runId: "a", key: "loss", total: 2, exact: true, buckets: [bucket(0, 1), bucket(1, 2)] },
      { runId: "b", key: "loss", total: 1, exact: true, buckets: [bucket(0, 5)] },
    ];
    const tail = [{ runId: "a", key: "loss", total: 2, exact: true, buckets: [bucket(1, 2), bucket(2, 3)] }];
    const out = appendTail(held, tail);
    expect(out[0].buckets.map((b) => b.xLast)).toEqual([0, 1, 2]);
    expect(out[0].total).toBe(3);
    expect(out[1]).toBe(held[1]);
    expect(liveMinOf(out[0])).toBe(3);
    expect(liveMinOf({ ...held[1], buckets: [] })).toBeUndefined();
  });
});
