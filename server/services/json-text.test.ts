import { describe, expect, it } from "vitest";
import { JsonText, stringifyJsonPieces } from "./json-text";

const stringifyJson = (value: unknown) => stringifyJsonPieces(value).join("");

describe("stringifyJsonPieces", () => {
  it("writes each JsonText's text where its value stands, anywhere in the structure", () => {
    const value = { a: new JsonText('{"x":[1,2e-7,"NaN"]}'), list: [new JsonText("[]"), 3, new JsonText('"s"')], b: "plain" };
    expect(stringifyJson(value)).toBe('{"a":{"x":[1,2e-7,"NaN"]},"list":[[],3,"s"],"b":"plain"}');
    // Each text is a piece of its own, between the JSON around it: nothing is joined in memory.
    expect(stringifyJsonPieces(value)).toEqual(['{"a":', '{"x":[1,2e-7,"NaN"]}', ',"list":[', "[]", ",3,", '"s"', '],"b":"plain"}']);
  });

  it("is JSON.stringify when there is no JsonText, strings that look like markers included", () => {
    const value = { s: "metron-json-text-0-0", n: [1, null, "é\n"] };
    expect(stringifyJsonPieces(value)).toEqual([JSON.stringify(value)]);
  });

  it("outside stringifyJsonPieces a JsonText serializes as the value it holds", () => {
    expect(JSON.stringify({ a: new JsonText('{"k": [true]}') })).toBe('{"a":{"k":[true]}}');
  });

  it("nested calls (a toJSON that stringifies) keep their own texts", () => {
    const inner = { toJSON: () => stringifyJson({ inner: new JsonText("1") }) };
    expect(stringifyJson({ outer: new JsonText("2"), inner })).toBe('{"outer":2,"inner":"{\\"inner\\":1}"}');
  });
});
