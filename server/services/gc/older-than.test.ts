import { describe, expect, it } from "vitest";
import { parseOlderThan } from "./older-than";

describe("parseOlderThan", () => {
  it.each([
    ["30d", 30 * 86_400_000],
    ["1d2h3m4s", 86_400_000 + 2 * 3_600_000 + 3 * 60_000 + 4000],
    ["1.5h", 5_400_000],
    ["90s", 90_000],
    ["0s", 0],
    ["2h30m", 9_000_000],
  ])("%s is %i ms", (text, ms) => {
    expect(parseOlderThan(text)).toBe(ms);
  });

  it.each(["", "30", "1w", "d", "1h2d", "-1d", "1.d"])("refuses %j", (text) => {
    expect(() => parseOlderThan(text)).toThrow(`Invalid --older-than '${text}': use #d#h#m#s, e.g. 30d, 1d2h3m4s or 1.5h.`);
  });
});
