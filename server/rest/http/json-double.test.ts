import { describe, expect, it } from "vitest";
import { formatDouble, wireDouble, writeJsonDoubles } from "./json-double";

// Expected texts are Python's json.dumps(float(x)), which is what MLflow's server writes.
const PYTHON_REPR: [number, string][] = [
  [3, "3.0"],
  [-2, "-2.0"],
  [0, "0.0"],
  [-0, "-0.0"],
  [0.1, "0.1"],
  [0.1 + 0.2, "0.30000000000000004"],
  [1e20, "1e+20"],
  [1e-7, "1e-07"],
  [0.0001, "0.0001"],
  [0.00001, "1e-05"],
  [9.99e-5, "9.99e-05"],
  [1.5e300, "1.5e+300"],
  [1e15, "1000000000000000.0"],
  [1234567890123456.5, "1234567890123456.5"],
  [9999999999999998, "9999999999999998.0"],
  [1e16, "1e+16"],
  [18133685660161632, "1.813368566016163e+16"],
  [1e21, "1e+21"],
  [123456789.123, "123456789.123"],
  [5e-324, "5e-324"],
  [Number.MAX_VALUE, "1.7976931348623157e+308"],
  [-1.25e-10, "-1.25e-10"],
];

describe("formatDouble (Python's float repr)", () => {
  it.each(PYTHON_REPR)("%d → %s", (value, text) => {
    expect(formatDouble(value)).toBe(text);
    expect(Number(text)).toBe(value);
  });

  it("spells the non-finite values as protobuf's JSON strings", () => {
    expect([formatDouble(Number.NaN), formatDouble(Infinity), formatDouble(-Infinity)]).toEqual(["NaN", "Infinity", "-Infinity"]);
  });
});

describe("wireDouble + writeJsonDoubles", () => {
  it("writes marked doubles bare, non-finite ones as strings, and leaves every other string alone", () => {
    const json = JSON.stringify({ a: wireDouble(3), b: [wireDouble(-0), wireDouble(1e-7)], c: wireDouble(Number.NaN), d: "3", e: "metron-double-00:1" });
    expect(writeJsonDoubles(json)).toBe('{"a":3.0,"b":[-0.0,1e-07],"c":"NaN","d":"3","e":"metron-double-00:1"}');
  });

  it("returns text without markers unchanged", () => {
    const json = '{"value":3}';
    expect(writeJsonDoubles(json)).toBe(json);
  });
});
