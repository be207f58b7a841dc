import { describe, expect, it } from "vitest";
import { parseMlflowJson, wireNumber } from "./rest-client";

describe("reading MLflow's JSON", () => {
  it("accepts the bare NaN and ±Infinity tokens MLflow's Python server writes, and leaves strings alone", () => {
    expect(parseMlflowJson('{"metrics":[{"value":NaN},{"value":-Infinity},{"value": Infinity}],"note":"NaN, Infinity"}')).toEqual({
      metrics: [{ value: "NaN" }, { value: "-Infinity" }, { value: "Infinity" }],
      note: "NaN, Infinity",
    });
    expect(parseMlflowJson('{"a":[1,2]}')).toEqual({ a: [1, 2] });
  });

  it("turns wire values into numbers", () => {
    expect([wireNumber(1.5), wireNumber("NaN"), wireNumber("Infinity"), wireNumber("-Infinity"), wireNumber("2")]).toEqual([1.5, Number.NaN, Infinity, -Infinity, 2]);
  });
});
