import { describe, expect, it } from "vitest";
import { boolArrayLiteral, numberArrayLiteral, textArrayLiteral } from "./pg-array";

describe("PostgreSQL array literals", () => {
  it("spells numbers, including ±Infinity, NaN and -0, as float8 reads them", () => {
    expect(numberArrayLiteral([0, -1.5, 1e21, 0.1, Infinity, -Infinity, NaN, -0])).toBe("{0,-1.5,1e+21,0.1,Infinity,-Infinity,NaN,-0}");
  });

  it("quotes every text element and escapes backslashes and double quotes", () => {
    expect(textArrayLiteral(["a", 'say "hi"', "back\\slash", "", "{,}", undefined, null])).toBe(
      '{"a","say \\"hi\\"","back\\\\slash","","{,}",NULL,NULL}',
    );
  });

  it("spells booleans as t and f", () => {
    expect(boolArrayLiteral([true, false])).toBe("{t,f}");
  });
});
