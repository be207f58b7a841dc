import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { MlflowError } from "../mlflow-error";
import { compileExperimentSearch } from "./compile-experiment-search";
import { compileRunSearch } from "./compile-run-search";
import { parseFilter } from "./parse-filter";
import { decodeKeysetToken, encodeKeysetToken } from "./page-token";

const repeat = (clause: string, times: number, joiner = " AND ") => Array.from({ length: times }, () => clause).join(joiner);

function refusal(work: () => unknown): { code: string; message: string } {
  try {
    work();
  } catch (err) {
    if (err instanceof MlflowError) return { code: err.code, message: err.message };
    throw err;
  }
  throw new Error("expected a refusal");
}

describe("filter limits", () => {
  const cases: [string, string, string][] = [
    ["a 65,537-character filter", `name = '${"x".repeat(65_537 - 9)}'`, "Invalid filter: the filter is too long (65,537 characters); the limit is 65,536."],
    ["101 comparisons", repeat("metrics.loss > 0", 101), "Invalid filter: too many comparisons (more than 100); the limit is 100."],
    ["2,000 short comparisons", repeat("metrics.x>0", 2000), "Invalid filter: too many comparisons (more than 100); the limit is 100."],
    ["5,000 nested parentheses", `${"(".repeat(5000)}metrics.loss > 0${")".repeat(5000)}`, "Invalid filter: parentheses and NOT are nested too deeply (more than 32 levels); the limit is 32."],
    ["5,000 NOTs", `${"NOT ".repeat(5000)}metrics.loss > 0`, "Invalid filter: parentheses and NOT are nested too deeply (more than 32 levels); the limit is 32."],
    ["10,001 IN values", `run_id IN (${repeat("'r'", 10_001, ",")})`, "Invalid filter: too many values in IN lists (more than 10,000); the limit is 10,000."],
  ];
  it.each(cases)("refuses %s with a 400 naming the limit", (_, filter, message) => {
    expect(refusal(() => parseFilter(filter))).toEqual({ code: "INVALID_PARAMETER_VALUE", message: expect.stringContaining(message) });
  });

  it("accepts what stays within every limit", () => {
    expect(parseFilter(repeat("metrics.loss > 0", 100))).toMatchObject({ type: "and" });
    expect(parseFilter(`${"(".repeat(31)}NOT metrics.loss > 0${")".repeat(31)}`)).toMatchObject({ type: "not" });
    expect(parseFilter(`run_id IN (${repeat("'r'", 10_000, ",")})`)).toMatchObject({ op: "IN" });
  });

  it("does not echo a too-long filter back", () => {
    expect(refusal(() => parseFilter(`name = '${"x".repeat(1_000_000)}'`)).message.length).toBeLessThan(200);
  });
});

describe("order_by limits", () => {
  it("refuses more than 32 keys, on runs and on experiments", () => {
    const orderBy = Array.from({ length: 830 }, (_, i) => `metrics.m${i} DESC`);
    const expected = { code: "INVALID_PARAMETER_VALUE", message: "Invalid order_by: 830 keys; the limit is 32." };
    expect(refusal(() => compileRunSearch({ experimentIds: [1], orderBy, runViewType: "ALL" }))).toEqual(expected);
    expect(refusal(() => compileExperimentSearch({ orderBy, viewType: "ALL" }))).toEqual(expected);
  });
});

describe("comparisons of one key", () => {
  const dialect = new PgDialect();
  const compiled = (filter: string) => {
    const plan = compileRunSearch({ experimentIds: [1], filter, orderBy: [], runViewType: "ALL" });
    return dialect.sqlToQuery(plan.order.segments[0].where!);
  };
  const count = (text: string, word: string) => text.split(word).length - 1;

  it("checks 100 repeats of one comparison once", () => {
    const { sql, params } = compiled(repeat("metrics.loss > 0", 100));
    expect(count(sql, "latest_metrics")).toBe(1);
    // The experiment id scopes the run and the key's subquery (per-experiment locality).
    expect(params).toEqual([1, "loss", 1, 0]);
  });

  it("checks the comparisons of one metric, param or tag in one subquery each, keeping every condition", () => {
    const { sql, params } = compiled("metrics.loss > 0 AND metric.loss < 5 AND params.p = 'a' AND params.p != 'b' AND tags.t LIKE 'x%'");
    expect(count(sql, "latest_metrics")).toBe(1);
    expect(count(sql, "from params")).toBe(1);
    expect(count(sql, "from tags")).toBe(1);
    expect(sql).toContain("m.value > $4 and m.value < $5");
    expect(params).toEqual([1, "loss", 1, 0, 5, "p", 1, "a", "b", "t", 1, "x%"]);
  });

  it("lets PostgreSQL turn at most 4 subqueries into joins; the rest stay subplans, each planned alone", () => {
    const { sql } = compiled(Array.from({ length: 99 }, (_, i) => `metrics.k${i} > 0`).join(" AND ") + " AND status = 'RUNNING'");
    expect(count(sql, "latest_metrics")).toBe(99);
    expect(count(sql, ") is true")).toBe(95);
    expect(sql).not.toMatch(/"status" = \$\d+\) is true/);
  });

  it("keeps comparisons under OR and NOT apart, dropping only exact repeats", () => {
    const { sql } = compiled("metrics.loss > 0 OR metrics.loss > 0 OR metrics.loss < -1");
    expect(count(sql, "latest_metrics")).toBe(2);
    expect(count(compiled("NOT metrics.loss > 0 AND metrics.loss > 0").sql, "latest_metrics")).toBe(2);
  });
});

describe("keyset page tokens", () => {
  const keys = [{ type: "float8" }, { type: "bigint" }, { type: "text" }, { type: "bool" }] as const;
  const search = { filter: "" };
  it("accepts the values the server writes", () => {
    const after = ["-Infinity", 17, "run", true];
    expect(decodeKeysetToken(encodeKeysetToken(after, search), search, [...keys])).toEqual(after);
    expect(decodeKeysetToken(encodeKeysetToken([null, null, null, null], search), search, [...keys])).toEqual([null, null, null, null]);
  });

  it.each([
    [[true, 17, "run", true]],
    [["1.5", true, "run", true]],
    [["1.5", 1.5, "run", true]],
    [["1.5", 17, false, true]],
    [["1.5", 17, "run", "true"]],
    [["nope", 17, "run", true]],
  ])("refuses an edited token holding %j", (after) => {
    const token = encodeKeysetToken(after, search);
    expect(refusal(() => decodeKeysetToken(token, search, [...keys]))).toEqual({
      code: "INVALID_PARAMETER_VALUE",
      message: `Invalid page token '${token}'. Page tokens must come from a previous response.`,
    });
  });
});
