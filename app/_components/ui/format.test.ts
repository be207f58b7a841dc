import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration, formatMetricValue } from "./format";

describe("formatDuration", () => {
  it.each([
    [0, "0ms"],
    [180, "180ms"],
    [4_200, "4.2s"],
    [187_000, "3m 07s"],
    [3_723_000, "1h 02m 03s"],
    [49 * 3_600_000 + 5_000, "2d 01h"],
    [-5, "—"],
    [-1000, "—"],
    [NaN, "—"],
  ])("%d ms → %s", (ms, text) => expect(formatDuration(ms)).toBe(text));
});

describe("formatBytes", () => {
  it.each([
    [undefined, ""],
    [0, "0 B"],
    [1023, "1023 B"],
    [1536, "1.5 KB"],
    [307_200, "300 KB"],
    [262_100, "256 KB"],
    [5 * 1024 ** 3, "5.0 GB"],
  ])("%s → %s", (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe("formatMetricValue", () => {
  it.each([
    [undefined, "—"],
    [null, "—"],
    [3, "3"],
    [0.1 + 0.2, "0.3"],
    [1234567.891, "1234570"],
    ["NaN", "NaN"],
    ["-Infinity", "-Infinity"],
  ])("%s → %s", (value, text) => expect(formatMetricValue(value)).toBe(text));
});
