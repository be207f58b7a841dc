import { describe, expect, it } from "vitest";
import { safeNextPath } from "./csrf";

describe("safeNextPath", () => {
  it.each([
    ["/experiments/1?tab=runs", "/experiments/1?tab=runs"],
    ["/", "/"],
    [null, "/"],
    ["", "/"],
    ["https://evil.example/", "/"],
    ["//evil.example/x", "/"],
    ["/\\evil.example", "/"],
    ["javascript:alert(1)", "/"],
  ])("%s → %s", (next, expected) => {
    expect(safeNextPath(next)).toBe(expected);
  });
});
