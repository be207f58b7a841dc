import { describe, expect, it } from "vitest";
import { sampleEvenly } from "./get-metric-history-bulk-interval";

const range = (n: number, start = 0) => Array.from({ length: n }, (_, i) => start + i);

describe("sampleEvenly", () => {
  it.each([
    ["100 steps down to 10", range(100), 10, [0, 11, 22, 33, 44, 55, 66, 77, 88, 99]],
    ["10 steps down to 4", range(10), 4, [0, 3, 6, 9]],
    ["5 steps down to 4 (rounded positions)", range(5), 4, [0, 1, 3, 4]],
    ["7 steps down to 3", range(7), 3, [0, 3, 6]],
    ["10 steps down to 2: first and last", range(10, 1), 2, [1, 10]],
    ["down to 1: the last", range(10), 1, [9]],
    ["sparse steps keep their values", [3, 8, 20, 21, 50, 400], 3, [3, 21, 400]],
    ["fewer items than max: all", [1, 2, 3], 5, [1, 2, 3]],
    ["exactly max items: all", [1, 2, 3], 3, [1, 2, 3]],
    ["nothing", [], 5, []],
  ])("%s", (_, items, max, expected) => {
    expect(sampleEvenly(items, max)).toEqual(expected);
  });

  it("returns exactly max distinct items, first and last included, whenever there are more than max", () => {
    for (const n of [3, 11, 101, 2501, 10_000]) {
      for (const max of [2, 3, 10, 2500]) {
        if (n <= max) continue;
        const sampled = sampleEvenly(range(n), max);
        expect(sampled).toHaveLength(max);
        expect(new Set(sampled).size).toBe(max);
        expect(sampled[0]).toBe(0);
        expect(sampled[max - 1]).toBe(n - 1);
        expect([...sampled].sort((a, b) => a - b)).toEqual(sampled);
      }
    }
  });
});
