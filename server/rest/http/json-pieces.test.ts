import { describe, expect, it } from "vitest";
import { wireDouble } from "./json-double";
import { JsonPieces } from "./json-pieces";

describe("JsonPieces", () => {
  it("keeps each raw text a piece of its own, between the JSON written around it", () => {
    const out = new JsonPieces().literal('{"a":').raw('{"x":[1,2e-7,"NaN"]}').literal(',"list":[').raw("[]").literal(",").value(3);
    out.literal(",").raw('"s"').literal('],"b":').value("plain").literal("}");
    expect(out.finish()).toEqual(['{"a":', '{"x":[1,2e-7,"NaN"]}', ',"list":[', "[]", ",3,", '"s"', '],"b":"plain"}']);
  });

  it("is one piece when nothing raw is put in, and writes doubles as MLflow does", () => {
    const out = new JsonPieces().value({ key: "m", value: wireDouble(3), note: "metron-json-text-0-0" });
    expect(out.finish()).toEqual(['{"key":"m","value":3.0,"note":"metron-json-text-0-0"}']);
  });

  it("leaves raw text as it is, doubles included", () => {
    expect(new JsonPieces().literal("[").raw('{"value":3}').literal("]").finish()).toEqual(["[", '{"value":3}', "]"]);
  });
});
