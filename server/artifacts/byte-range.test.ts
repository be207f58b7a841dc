import { describe, expect, it } from "vitest";
import { parseRangeHeader, resolveRange } from "./byte-range";

describe("parseRangeHeader", () => {
  it.each([
    ["bytes=0-99", { start: 0, end: 99 }],
    ["bytes=100-", { start: 100 }],
    ["bytes=-500", { suffixLength: 500 }],
    [" Bytes = 5 - 9 ", { start: 5, end: 9 }],
    ["bytes=0-0", { start: 0, end: 0 }],
  ])("reads %j", (header, expected) => {
    expect(parseRangeHeader(header)).toEqual(expected);
  });

  it.each([null, "", "bytes=", "bytes=-", "bytes=9-5", "bytes=0-1,5-9", "items=0-5", "bytes=a-b", "bytes=1.5-2"])(
    "ignores %j (the whole file is sent)",
    (header) => {
      expect(parseRangeHeader(header)).toBeUndefined();
    },
  );
});

describe("resolveRange", () => {
  it.each([
    [{ start: 0, end: 99 }, 1000, { start: 0, end: 99 }],
    [{ start: 990, end: 2000 }, 1000, { start: 990, end: 999 }],
    [{ start: 10 }, 1000, { start: 10, end: 999 }],
    [{ suffixLength: 100 }, 1000, { start: 900, end: 999 }],
    [{ suffixLength: 5000 }, 1000, { start: 0, end: 999 }],
    [{ start: 999 }, 1000, { start: 999, end: 999 }],
    [{ start: 1000 }, 1000, "unsatisfiable"],
    [{ start: 0 }, 0, "unsatisfiable"],
    [{ suffixLength: 0 }, 1000, "unsatisfiable"],
    [{ suffixLength: 10 }, 0, "unsatisfiable"],
  ] as const)("%j of a %i-byte file is %j", (request, size, expected) => {
    expect(resolveRange(request, size)).toEqual(expected);
  });
});
