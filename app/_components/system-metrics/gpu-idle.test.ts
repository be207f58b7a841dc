import { describe, expect, it } from "vitest";
import { findIdleSpans, idleTotalMs, type IdleBucket } from "./gpu-idle";

const MIN = 60_000;
/** One bucket per minute starting at minute `from`, with the given maxima. */
const perMinute = (maxima: number[], from = 0): IdleBucket[] =>
  maxima.map((max, i) => ({ xFirst: (from + i) * MIN, xLast: (from + i) * MIN + 50_000, max }));

describe("findIdleSpans", () => {
  it("reports a GPU under 10 % for more than 5 minutes, from the first idle bucket to the last", () => {
    const buckets = perMinute([90, 95, 3, 2, 0, 4, 9, 1, 80]);
    // Idle buckets 2..7: 2:00 to 7:50 = 5 min 50 s.
    expect(findIdleSpans(buckets)).toEqual([{ start: 2 * MIN, end: 7 * MIN + 50_000 }]);
  });

  it("does not report exactly 5 minutes, nor shorter spans", () => {
    const exact = [{ xFirst: 0, xLast: 5 * MIN, max: 0 }];
    expect(findIdleSpans(exact)).toEqual([]);
    expect(findIdleSpans([{ xFirst: 0, xLast: 5 * MIN + 1, max: 0 }])).toEqual([{ start: 0, end: 5 * MIN + 1 }]);
    expect(findIdleSpans(perMinute([5, 5, 5, 5, 50, 5, 5, 5, 5]))).toEqual([]);
  });

  it("judges a bucket by its highest value: a burst of work inside a bucket breaks the span", () => {
    const buckets = perMinute([1, 1, 1, 12, 1, 1, 1]);
    expect(findIdleSpans(buckets)).toEqual([]);
    // 10 % itself is not under 10 %.
    expect(findIdleSpans(perMinute([1, 1, 1, 10, 1, 1, 1]))).toEqual([]);
  });

  it("ends a span at a hole in the data longer than 5 minutes, and at NaN buckets", () => {
    const beforeHole = perMinute([0, 0, 0, 0]);
    const afterHole = perMinute([0, 0, 0, 0], 20);
    expect(findIdleSpans([...beforeHole, ...afterHole])).toEqual([]);
    // A 4-minute hole is bridged: minutes 0..7 idle around it → one span 0:00 – 11:50.
    expect(findIdleSpans([...perMinute([0, 0, 0, 0]), ...perMinute([0, 0, 0, 0], 8)])).toEqual([{ start: 0, end: 11 * MIN + 50_000 }]);
    expect(findIdleSpans(perMinute([0, 0, 0, Number.NaN, 0, 0, 0]))).toEqual([]);
  });

  it("finds several spans and counts their total, on coarse buckets too", () => {
    const coarse: IdleBucket[] = [
      { xFirst: 0, xLast: 29 * MIN, max: 2 },
      { xFirst: 30 * MIN, xLast: 59 * MIN, max: 97 },
      { xFirst: 60 * MIN, xLast: 89 * MIN, max: 0 },
      { xFirst: 90 * MIN, xLast: 119 * MIN, max: 8 },
    ];
    const spans = findIdleSpans(coarse);
    expect(spans).toEqual([
      { start: 0, end: 29 * MIN },
      { start: 60 * MIN, end: 119 * MIN },
    ]);
    expect(idleTotalMs(spans)).toBe(88 * MIN);
    expect(findIdleSpans([])).toEqual([]);
  });

  it("takes another rule", () => {
    expect(findIdleSpans(perMinute([20, 20, 20]), { thresholdPercent: 30, minDurationMs: MIN, maxGapMs: MIN })).toEqual([{ start: 0, end: 2 * MIN + 50_000 }]);
  });
});
