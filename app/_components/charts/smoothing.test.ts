import { describe, expect, test } from "vitest";
import { smoothEma, smoothEmaByWindow } from "./smoothing";
import { percentileRange } from "./outliers";
import { assignRunColors, colorForRun, RUN_PALETTE } from "./run-colors";

describe("smoothEma", () => {
  test("weight 0 returns the values unchanged", () => {
    expect(smoothEma([1, 5, 2], 0)).toEqual([1, 5, 2]);
  });
  test("debiased: a constant series stays constant from the first point", () => {
    expect(smoothEma([3, 3, 3, 3], 0.9).map((v) => Number(v.toFixed(12)))).toEqual([3, 3, 3, 3]);
  });
  test("a step is followed with the EMA's lag", () => {
    // w = 0.5: averages 0.5·0 + 0.5·0 = 0, then 0.5·0 + 0.5·4 = 2 → debiased 2 / (1 - 0.25) = 8/3.
    const [a, b] = smoothEma([0, 4], 0.5);
    expect(a).toBe(0);
    expect(b).toBeCloseTo(8 / 3, 12);
  });
  test("NaN and Infinity pass through without poisoning later points", () => {
    const out = smoothEma([1, Number.NaN, Number.POSITIVE_INFINITY, 1], 0.5);
    expect(out[0]).toBe(1);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBe(Number.POSITIVE_INFINITY);
    expect(out[3]).toBeCloseTo(1, 12);
  });
});

describe("smoothEmaByWindow", () => {
  const points = (ys: number[], x0 = 0) => ys.map((y, i) => ({ x: x0 + i, y }));
  test("without a window: the EMA of every point", () => {
    expect(smoothEmaByWindow(points([0, 4, 2]), 0.5)).toEqual(smoothEma([0, 4, 2], 0.5));
  });
  test("each stretch inside or outside the window is smoothed on its own, debiased from its first point", () => {
    const out = smoothEmaByWindow(points([8, 6, 1, 3, 9, 7]), 0.5, { min: 2, max: 3 });
    expect(out).toEqual([...smoothEma([8, 6], 0.5), ...smoothEma([1, 3], 0.5), ...smoothEma([9, 7], 0.5)]);
    expect(out[2]).toBe(1);
  });
  test("an open side of the window reaches the end; weight 0 changes nothing", () => {
    expect(smoothEmaByWindow(points([5, 1, 2]), 0.5, { min: 1 })).toEqual([5, 1, ...smoothEma([1, 2], 0.5).slice(1)]);
    expect(smoothEmaByWindow(points([5, 1, 2]), 0, { min: 1, max: 1 })).toEqual([5, 1, 2]);
  });
});

describe("percentileRange", () => {
  test("5th to 95th percentile, interpolated, ignoring non-finite values", () => {
    const values = [...Array.from({ length: 101 }, (_, i) => i), Number.NaN, Number.POSITIVE_INFINITY];
    expect(percentileRange(values)).toEqual({ min: 5, max: 95 });
  });
  test("a single spike does not stretch the range", () => {
    const values = [...Array.from({ length: 99 }, () => 1), 1e9];
    expect(percentileRange(values)).toEqual({ min: 1, max: 1 });
  });
  test("nothing finite: undefined", () => {
    expect(percentileRange([Number.NaN])).toBeUndefined();
  });
});

describe("colorForRun", () => {
  test("taken from the palette", () => {
    expect(RUN_PALETTE).toContain(colorForRun("3f2a9c0e5b7d4e1f8a6c2b9d0e4f7a13"));
  });
  test("different runs spread over the palette", () => {
    const colors = new Set(Array.from({ length: 200 }, (_, i) => colorForRun(`run-${i}`)));
    expect(colors.size).toBe(RUN_PALETTE.length);
  });
});

describe("assignRunColors", () => {
  const ids = Array.from({ length: 12 }, (_, i) => `run-${i}`);
  test("up to the palette's size, runs shown together never share a colour", () => {
    expect(new Set(assignRunColors(ids).values()).size).toBe(12);
  });
  test("the same set gets the same colours in any order; a lone run keeps its hashed colour", () => {
    expect([...assignRunColors([...ids].reverse())].sort()).toEqual([...assignRunColors(ids)].sort());
    expect(assignRunColors(["abc"]).get("abc")).toBe(colorForRun("abc"));
  });
  test("beyond the palette, colours repeat rather than fail", () => {
    const many = Array.from({ length: 30 }, (_, i) => `r${i}`);
    const colors = assignRunColors(many);
    expect([...colors.keys()].sort()).toEqual([...many].sort());
    expect(new Set(colors.values())).toEqual(new Set(RUN_PALETTE));
  });
});
