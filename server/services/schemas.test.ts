import { describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  bool,
  double,
  experimentIdList,
  int32,
  int64,
  keyValue,
  nonNegativeInt64,
  requiredString,
  runStatus,
  stringList,
  viewType,
} from "./schemas";

/** Table helpers: what a schema turns each wire value into, and which values it refuses. */
function accepts(schema: z.ZodType, cases: [unknown, unknown][]) {
  it.each(cases)("accepts %j as %j", (input, output) => {
    expect(schema.parse(input)).toEqual(output);
  });
}
function rejects(schema: z.ZodType, inputs: unknown[]) {
  it.each(inputs.map((v) => [v]))("rejects %j", (input) => {
    expect(schema.safeParse(input).success).toBe(false);
  });
}

describe("int64", () => {
  accepts(int64, [
    [12, 12],
    ["12", 12],
    ["-5", -5],
    ["+7", 7],
    [0, 0],
    [1e3, 1000],
    [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
    ["1700000000000", 1700000000000],
  ]);
  rejects(int64, [1.5, "1.5", "1e3", "abc", "", " 12", "12 ", "0x10", true, null, undefined, [1], Number.MAX_SAFE_INTEGER + 1, "9007199254740993", Number.NaN, "NaN"]);
});

describe("nonNegativeInt64", () => {
  accepts(nonNegativeInt64, [
    [0, 0],
    ["5", 5],
  ]);
  rejects(nonNegativeInt64, [-1, "-1"]);
});

describe("int32", () => {
  accepts(int32, [
    [2147483647, 2147483647],
    ["-2147483648", -2147483648],
    ["10", 10],
  ]);
  rejects(int32, [2147483648, "-2147483649", 1.5, "x"]);
});

describe("double", () => {
  accepts(double, [
    [12, 12],
    [-0.5, -0.5],
    ["12", 12],
    ["1e3", 1000],
    ["-1.5e-3", -0.0015],
    [".5", 0.5],
    ["3.", 3],
    [" 7 ", 7],
    ["NaN", Number.NaN],
    ["nan", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["+Infinity", Number.POSITIVE_INFINITY],
    ["inf", Number.POSITIVE_INFINITY],
    ["-Infinity", Number.NEGATIVE_INFINITY],
    ["-inf", Number.NEGATIVE_INFINITY],
    [1.7976931348623157e308, 1.7976931348623157e308],
  ]);
  rejects(double, ["", "abc", "12abc", "1,5", "0x10", "1e", "--1", true, false, null, undefined, [1], {}]);
});

describe("bool", () => {
  accepts(bool, [
    [true, true],
    [false, false],
    ["true", true],
    ["false", false],
    ["True", true],
    ["False", false],
  ]);
  rejects(bool, ["TRUE", "yes", "1", "0", 1, 0, "", null]);
});

describe("runStatus", () => {
  accepts(runStatus, [
    ["RUNNING", "RUNNING"],
    ["SCHEDULED", "SCHEDULED"],
    ["FINISHED", "FINISHED"],
    ["FAILED", "FAILED"],
    ["KILLED", "KILLED"],
    [1, "RUNNING"],
    [3, "FINISHED"],
    ["3", "FINISHED"],
    [5, "KILLED"],
  ]);
  rejects(runStatus, ["finished", "Finished", "DONE", "", 0, 6, "6", 1.5, "-1", null]);
});

describe("viewType", () => {
  accepts(viewType, [
    ["ACTIVE_ONLY", "ACTIVE_ONLY"],
    ["DELETED_ONLY", "DELETED_ONLY"],
    ["ALL", "ALL"],
    [2, "DELETED_ONLY"],
    ["3", "ALL"],
  ]);
  rejects(viewType, ["all", 0, 4, "ACTIVE"]);
});

describe("lists and strings", () => {
  describe("stringList", () => {
    accepts(stringList, [
      ["a", ["a"]],
      [["a", "b"], ["a", "b"]],
      [[], []],
    ]);
    rejects(stringList, [1, [1], null, undefined]);
  });

  describe("experimentIdList", () => {
    accepts(experimentIdList, [
      ["1", ["1"]],
      [1, ["1"]],
      [[1, "2"], ["1", "2"]],
    ]);
    rejects(experimentIdList, [[""], [1.5], [null], true]);
  });

  describe("requiredString", () => {
    accepts(requiredString, [["a", "a"]]);
    rejects(requiredString, ["", undefined, null, 1]);
  });

  describe("keyValue", () => {
    accepts(keyValue, [
      [{ key: "k", value: "v" }, { key: "k", value: "v" }],
      [{ key: "k", value: null }, { key: "k", value: "" }],
      [{ key: "k" }, { key: "k", value: "" }],
      [{ key: "k", value: "", extra: 1 }, { key: "k", value: "" }],
    ]);
    rejects(keyValue, [{ key: "", value: "v" }, { value: "v" }, { key: "k", value: 1 }]);
  });
});
