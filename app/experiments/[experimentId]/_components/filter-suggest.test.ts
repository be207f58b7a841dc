import { describe, expect, it } from "vitest";
import { completionAt, keySuggestions, valueSuggestions } from "./filter-suggest";

const at = (text: string) => completionAt(text, text.length);
const KEYS = { params: ["lr", "optimizer"], metrics: ["loss", "val/loss"], tags: ["team", "mlflow.source.name"] };

describe("completionAt", () => {
  it.each([
    ["", { type: "keys", from: 0, to: 0, word: "" }],
    ["met", { type: "keys", from: 0, to: 3, word: "met" }],
    ["metrics.lo", { type: "keys", from: 0, to: 10, word: "metrics.lo" }],
    ["metrics.loss < 1 AND par", { type: "keys", from: 21, to: 24, word: "par" }],
    ["(tags.`mlflow.so", { type: "keys", from: 1, to: 16, word: "tags.`mlflow.so" }],
  ])("suggests keys in %j", (text, expected) => expect(at(text)).toEqual(expected));

  it.each([
    ["params.lr = '0.0", { type: "values", kind: "params", key: "lr", prefix: "0.0", from: 13, to: 16, closeQuote: true }],
    ["tags.`mlflow.source.name` != 'tr", { type: "values", kind: "tags", key: "mlflow.source.name", prefix: "tr", from: 30, to: 32, closeQuote: true }],
    ["params.opt IN ('adam', 's", { type: "values", kind: "params", key: "opt", prefix: "s", from: 24, to: 25, closeQuote: true }],
    ["attributes.status = 'RU", { type: "values", kind: "status", key: "status", prefix: "RU", from: 21, to: 23, closeQuote: true }],
    ["status = '", { type: "values", kind: "status", key: "status", prefix: "", from: 10, to: 10, closeQuote: true }],
  ])("suggests values in %j", (text, expected) => expect(at(text)).toEqual(expected));

  it.each([["metrics.loss > 0.5"], ["metrics.loss > "], ["metrics.loss = 'x"], ["params.lr = 'a b' AND"]])("suggests nothing in %j", (text) =>
    expect(at(text)).toBeNull(),
  );

  it("does not add a closing quote that is already there", () => {
    expect(completionAt("params.lr = '0'", 14)).toMatchObject({ type: "values", prefix: "0", closeQuote: false });
  });
});

describe("keySuggestions", () => {
  it("lists keys of the typed prefix's kind, quoting keys that are not plain words", () => {
    expect(keySuggestions("metrics.", KEYS).map((s) => s.insert)).toEqual(["metrics.loss ", "metrics.`val/loss` "]);
    expect(keySuggestions("tags.src", KEYS)).toEqual([]);
    expect(keySuggestions("tags.SOURCE", KEYS).map((s) => s.insert)).toEqual(["tags.`mlflow.source.name` "]);
    expect(keySuggestions("attributes.st", KEYS).map((s) => s.insert)).toEqual(["attributes.status ", "attributes.start_time "]);
  });

  it("offers prefixes and matching keys of every kind for a bare word", () => {
    expect(keySuggestions("", KEYS).map((s) => s.label)).toEqual(["metrics.", "params.", "tags.", "attributes."]);
    expect(keySuggestions("lo", KEYS).map((s) => s.label)).toEqual(["metrics.loss", "metrics.`val/loss`", "tags.`mlflow.source.name`"]);
  });
});

it("valueSuggestions doubles quotes and closes the string", () => {
  expect(valueSuggestions(["it's", "b"], true).map((s) => s.insert)).toEqual(["it''s'", "b'"]);
  expect(valueSuggestions(["b"], false).map((s) => s.insert)).toEqual(["b"]);
});
