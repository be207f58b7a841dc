import { describe, expect, it } from "vitest";
import type { PointRef } from "../../repositories/metric-buckets-repository";
import { pickPoints } from "./get-metric-history-bulk-interval";

const p = (step: number, value: number, timestamp = 1000 + step): PointRef => ({ x: step, step, timestamp, value });
/** A bucket as the bucket query returns it. */
const bucket = (total: number, points: PointRef[]) => {
  const numbers = points.filter((q) => !Number.isNaN(q.value));
  const byValue = [...numbers].sort((a, b) => a.value - b.value || a.step - b.step);
  return {
    total,
    first: points[0],
    last: points[points.length - 1],
    min: byValue[0] ?? null,
    max: byValue.length ? byValue.filter((q) => q.value === byValue.at(-1)!.value).at(-1)! : null,
  };
};

describe("pickPoints", () => {
  it("returns every point when the window holds no more than max_results", () => {
    const points = [p(0, 3), p(1, 1), p(1, 2, 5000), p(2, Number.NaN)];
    expect(pickPoints(points.map((q) => bucket(4, [q])), 4)).toEqual(points);
  });

  it("keeps the first and last point and each bucket's lowest and highest, in step order, without repeats", () => {
    const buckets = [
      bucket(12, [p(0, 5), p(1, 9), p(2, 1), p(3, 4)]),
      bucket(12, [p(4, 2), p(5, 100), p(6, 3), p(7, 3)]),
      bucket(12, [p(8, 0), p(9, 7), p(10, 7), p(11, 6)]),
    ];
    expect(pickPoints(buckets, 8)).toEqual([p(0, 5), p(1, 9), p(2, 1), p(4, 2), p(5, 100), p(8, 0), p(10, 7), p(11, 6)]);
  });

  it("shows an all-NaN bucket by its first point, and NaN sorts after numbers at one step", () => {
    const buckets = [bucket(9, [p(0, 1), p(1, 2)]), bucket(9, [p(2, Number.NaN), p(3, Number.NaN)]), bucket(9, [p(4, -1), p(5, 0)])];
    expect(pickPoints(buckets, 8)).toEqual([p(0, 1), p(1, 2), p(2, Number.NaN), p(4, -1), p(5, 0)]);
    const sameStep = [bucket(9, [p(0, 1, 1), p(0, Number.POSITIVE_INFINITY, 1), p(0, Number.NaN, 1)])];
    expect(pickPoints(sameStep, 8)).toEqual([p(0, 1, 1), p(0, Number.POSITIVE_INFINITY, 1), p(0, Number.NaN, 1)]);
  });

  it("answers the last point for max_results 1 and the first and last for 2 or 3", () => {
    const buckets = [bucket(10, [p(0, 1), p(4, 9)]), bucket(10, [p(5, 0), p(9, 2)])];
    expect(pickPoints(buckets, 1)).toEqual([p(9, 2)]);
    expect(pickPoints(buckets, 2)).toEqual([p(0, 1), p(9, 2)]);
    expect(pickPoints(buckets, 3)).toEqual([p(0, 1), p(9, 2)]);
    expect(pickPoints([], 10)).toEqual([]);
  });
});
