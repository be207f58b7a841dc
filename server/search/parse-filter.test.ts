import { describe, expect, it } from "vitest";
import type { Comparison, FilterExpr } from "./ast";
import { parseFilter } from "./parse-filter";

/** A comparison leaf; positions default to 0 (the field starts the filter). */
function cmp(
  prefix: string,
  key: string,
  op: Comparison["op"],
  value: Comparison["value"],
  pos = 0,
): Comparison {
  return { type: "compare", field: { prefix, key, pos }, op, value, pos };
}

describe("parseFilter: input → AST", () => {
  const cases: [string, FilterExpr][] = [
    ["metrics.acc > 0.5", cmp("metrics", "acc", ">", 0.5)],
    ["metric.acc >= -1", cmp("metric", "acc", ">=", -1)],
    ["metrics.acc < 1e3", cmp("metrics", "acc", "<", 1000)],
    ["metrics.acc <= .5", cmp("metrics", "acc", "<=", 0.5)],
    ["metrics.acc>0", cmp("metrics", "acc", ">", 0)],
    ["metrics.acc = 2", cmp("metrics", "acc", "=", 2)],
    ["metrics.acc != 2", cmp("metrics", "acc", "!=", 2)],
    ["params.lr = '0.1'", cmp("params", "lr", "=", "0.1")],
    ['params.lr = "0.1"', cmp("params", "lr", "=", "0.1")],
    ["param.optimizer LIKE 'ad%'", cmp("param", "optimizer", "LIKE", "ad%")],
    ["tags.team ilike 'ML%'", cmp("tags", "team", "ILIKE", "ML%")],
    // Prefix and key are kept as written (the compilers refuse METRICS.); the first dot separates them.
    ["Metrics.Val = 1", cmp("Metrics", "Val", "=", 1)],
    ["metrics.a.b.c = 1", cmp("metrics", "a.b.c", "=", 1)],
    ["metrics.`train-loss:epoch/1` = 1", cmp("metrics", "train-loss:epoch/1", "=", 1)],
    // A backticked entity keeps its backticks: run search takes it, as MLflow's does.
    ["`params`.optimizer = 'adam'", cmp("`params`", "optimizer", "=", "adam")],
    ["`tags`.`a b` = 'x'", cmp("`tags`", "a b", "=", "x")],
    // Quoted keys: backticks, double or single quotes right after the prefix.
    ["tags.`mlflow.runName` = 'x'", cmp("tags", "mlflow.runName", "=", "x")],
    ['metrics."my metric" > 1', cmp("metrics", "my metric", ">", 1)],
    ["tag.'a b' = 'x'", cmp("tag", "a b", "=", "x")],
    ["`run name` = 'x'", cmp("", "run name", "=", "x")],
    ['"run name" = \'x\'', cmp("", "run name", "=", "x")],
    ["attributes.`status` = 'FAILED'", cmp("attributes", "status", "=", "FAILED")],
    // Attributes without prefix, and with aliases.
    ["status = 'FINISHED'", cmp("", "status", "=", "FINISHED")],
    ["attr.start_time > 1700000000000", cmp("attr", "start_time", ">", 1700000000000)],
    ["run_id IN ('a', 'b')", cmp("", "run_id", "IN", ["a", "b"])],
    ["run_id in ('a')", cmp("", "run_id", "IN", ["a"])],
    ["run_id NOT IN ('a','b')", cmp("", "run_id", "NOT IN", ["a", "b"])],
    ["tags.x IS NULL", cmp("tags", "x", "IS NULL", null)],
    ["tags.x is not null", cmp("tags", "x", "IS NOT NULL", null)],
    // Escapes inside string values.
    ["tags.x = 'it''s'", cmp("tags", "x", "=", "it's")],
    ["tags.x = 'it\\'s'", cmp("tags", "x", "=", "it's")],
    ["tags.x = ''", cmp("tags", "x", "=", "")],
    ["tags.x = 'a AND b'", cmp("tags", "x", "=", "a AND b")],
    // AND (any case), OR, NOT and parentheses; AND binds tighter than OR.
    [
      "metrics.a > 1 and params.b = 'x'",
      { type: "and", items: [cmp("metrics", "a", ">", 1), cmp("params", "b", "=", "x", 18)] },
    ],
    [
      "a = 1 AND b = 2 And c = 3",
      { type: "and", items: [cmp("", "a", "=", 1), cmp("", "b", "=", 2, 10), cmp("", "c", "=", 3, 20)] },
    ],
    [
      "a = 1 AND b = 2 OR c = 3",
      {
        type: "or",
        items: [{ type: "and", items: [cmp("", "a", "=", 1), cmp("", "b", "=", 2, 10)] }, cmp("", "c", "=", 3, 19)],
      },
    ],
    [
      "(a = 1 OR b = 2) AND c = 3",
      {
        type: "and",
        items: [{ type: "or", items: [cmp("", "a", "=", 1, 1), cmp("", "b", "=", 2, 10)] }, cmp("", "c", "=", 3, 21)],
      },
    ],
    ["NOT a = 1", { type: "not", item: cmp("", "a", "=", 1, 4) }],
    // A trailing AND ends the filter, as MLflow's parser lets it.
    ["a = 1 AND", cmp("", "a", "=", 1)],
  ];

  it.each(cases)("%s", (input, ast) => {
    expect(parseFilter(input)).toEqual(ast);
  });

  it.each([undefined, ""])("an empty filter (%j) is no filter", (input) => {
    expect(parseFilter(input)).toBeUndefined();
  });
});

describe("parseFilter: input → error", () => {
  const cases: [string, string][] = [
    ["metrics.acc >> 1", "Invalid filter 'metrics.acc >> 1': expected a number or a quoted string after '>', found '>' at position 13"],
    ["metrics.acc >", "Invalid filter 'metrics.acc >': expected a value after '>' at the end of the filter (position 13)"],
    ["metrics.acc ! 1", "Invalid filter: unexpected character '!' at position 12 in 'metrics.acc ! 1'"],
    ["metrics.acc ; 1", "Invalid filter: unexpected character ';' at position 12 in 'metrics.acc ; 1'"],
    ["params.lr = 'abc", "Invalid filter: unterminated ' quote starting at position 12 in 'params.lr = 'abc'"],
    ["tags.`abc = 'x'", "Invalid filter: unterminated ` quote starting at position 5 in 'tags.`abc = 'x''"],
    [
      "params.lr = 'a' params.x = 'b'",
      "Invalid filter 'params.lr = 'a' params.x = 'b'': unexpected 'params.x'; expected AND, OR or the end of the filter at position 16",
    ],
    [
      "a 1",
      "Invalid filter 'a 1': expected a comparison operator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL), found '1' at position 2",
    ],
    ["a = b", "Invalid filter 'a = b': expected a number or a quoted string after '=', found 'b' at position 4"],
    ["= 1", "Invalid filter '= 1': expected a field such as metrics.loss, params.lr or status, found '=' at position 0"],
    ["'a' = 1", "Invalid filter ''a' = 1': expected a field such as metrics.loss, params.lr or status, found ''a'' at position 0"],
    ["a = 1 AND AND b = 2", "Invalid filter 'a = 1 AND AND b = 2': expected a field such as metrics.loss, params.lr or status, found 'AND' at position 10"],
    // What MLflow refuses: a filter of blanks, <>, an unquoted dash, a plus sign.
    ["   ", "Invalid filter '   '. Could not be parsed."],
    ["metrics.acc <> 2", "Invalid filter 'metrics.acc <> 2': invalid comparator '<>'; use '!=' at position 12"],
    ["tags.data-set = 'x'", "Invalid filter: unexpected character '-' at position 9 in 'tags.data-set = 'x''"],
    ["metrics.acc > +1", "Invalid filter: unexpected character '+' at position 14 in 'metrics.acc > +1'"],
    ["run_id IN 'a'", "Invalid filter 'run_id IN 'a'': expected '(' after IN, found ''a'' at position 10"],
    ["run_id IN ('a', 1)", "Invalid filter 'run_id IN ('a', 1)': expected a quoted value in the IN list, found '1' at position 16"],
    ["run_id IN ('a'", "Invalid filter 'run_id IN ('a'': expected ')' closing the IN list at the end of the filter (position 14)"],
    ["run_id NOT LIKE 'a'", "Invalid filter 'run_id NOT LIKE 'a'': expected IN, found 'LIKE' at position 11"],
    ["tags.x IS 'a'", "Invalid filter 'tags.x IS 'a'': expected NULL, found ''a'' at position 10"],
    ["(a = 1", "Invalid filter '(a = 1': expected ')' at the end of the filter (position 6)"],
    ["a = 1)", "Invalid filter 'a = 1)': unexpected ')'; expected AND, OR or the end of the filter at position 5"],
  ];

  it.each(cases)("%s", (input, message) => {
    expect(() => parseFilter(input)).toThrow(expect.objectContaining({ code: "INVALID_PARAMETER_VALUE", message }));
  });
});
