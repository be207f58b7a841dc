import { describe, expect, it } from "vitest";
import { tokenize } from "./tokenizer";

describe("tokenize", () => {
  it("splits a filter into identifiers, operators, values and upper-cased keywords, with positions", () => {
    expect(tokenize("metrics.acc >= -1.5e2 and params.lr != 'x'")).toEqual([
      { kind: "identifier", text: "metrics.acc", pos: 0 },
      { kind: "operator", text: ">=", pos: 12 },
      { kind: "number", text: "-1.5e2", pos: 15 },
      { kind: "keyword", text: "AND", pos: 22 },
      { kind: "identifier", text: "params.lr", pos: 26 },
      { kind: "operator", text: "!=", pos: 36 },
      { kind: "string", text: "x", quote: "'", pos: 39 },
    ]);
  });

  it("reads <> as itself (for the parser to refuse) and keeps punctuation of IN lists", () => {
    expect(tokenize("run_id<>'a' OR run_id not in ('b',\"c\")")).toEqual([
      { kind: "identifier", text: "run_id", pos: 0 },
      { kind: "operator", text: "<>", pos: 6 },
      { kind: "string", text: "a", quote: "'", pos: 8 },
      { kind: "keyword", text: "OR", pos: 12 },
      { kind: "identifier", text: "run_id", pos: 15 },
      { kind: "keyword", text: "NOT", pos: 22 },
      { kind: "keyword", text: "IN", pos: 26 },
      { kind: "lparen", text: "(", pos: 29 },
      { kind: "string", text: "b", quote: "'", pos: 30 },
      { kind: "comma", text: ",", pos: 33 },
      { kind: "string", text: "c", quote: '"', pos: 34 },
      { kind: "rparen", text: ")", pos: 37 },
    ]);
  });

  it("joins a prefix and a directly following quoted key into one identifier", () => {
    expect(tokenize("tags.`mlflow.runName` = \"it\"\"s\"")).toEqual([
      { kind: "identifier", text: "tags.", quotedKey: "mlflow.runName", pos: 0 },
      { kind: "operator", text: "=", pos: 22 },
      { kind: "string", text: 'it"s', quote: '"', pos: 24 },
    ]);
  });

  it("treats a quoted key separated from its prefix by a space as a separate identifier", () => {
    expect(tokenize("tags. `k`")).toEqual([
      { kind: "identifier", text: "tags.", pos: 0 },
      { kind: "identifier", text: "", quotedKey: "k", pos: 6 },
    ]);
  });

  it("keeps letters of any script, digits, _ and . inside identifiers; a dash, colon or slash must be quoted, as in MLflow", () => {
    expect(tokenize("metrics.验证.loss_1")).toEqual([{ kind: "identifier", text: "metrics.验证.loss_1", pos: 0 }]);
    expect(() => tokenize("tags.data-set = 'x'")).toThrow("Invalid filter: unexpected character '-' at position 9 in 'tags.data-set = 'x''");
    expect(() => tokenize("tags.a:b = 'x'")).toThrow("unexpected character ':' at position 6");
    expect(() => tokenize("metrics.val/loss > 1")).toThrow("unexpected character '/' at position 11");
    expect(tokenize("tags.`data-set`")).toEqual([{ kind: "identifier", text: "tags.", quotedKey: "data-set", pos: 0 }]);
  });

  it("reads a backticked entity with its backticks, before a plain or a quoted key", () => {
    expect(tokenize("`params`.optimizer = 'adam'")[0]).toEqual({ kind: "identifier", text: "`params`.optimizer", pos: 0 });
    expect(tokenize("`tags`.`a b`")).toEqual([{ kind: "identifier", text: "`tags`.", quotedKey: "a b", pos: 0 }]);
    // Not followed by a dot, a backticked word is a key on its own (`run name`).
    expect(tokenize("`run name`")).toEqual([{ kind: "identifier", text: "", quotedKey: "run name", pos: 0 }]);
  });

  it("reads a leading minus as part of a number but not a plus (MLflow's SQL tokenizer does not)", () => {
    expect(tokenize("-1.5")).toEqual([{ kind: "number", text: "-1.5", pos: 0 }]);
    expect(() => tokenize("+1")).toThrow("unexpected character '+' at position 0");
  });

  it("reports an unknown character and an unterminated quote by position", () => {
    expect(() => tokenize("a = 1 & b")).toThrow("Invalid filter: unexpected character '&' at position 6 in 'a = 1 & b'");
    expect(() => tokenize("a = \"b")).toThrow("Invalid filter: unterminated \" quote starting at position 4 in 'a = \"b'");
  });
});
