import { describe, expect, it } from "vitest";
import { parseDelimited } from "./delimited";

describe("parseDelimited", () => {
  it("splits plain rows and fields", () => {
    expect(parseDelimited("a,b,c\n1,2,3\n", ",")).toEqual([["a", "b", "c"], ["1", "2", "3"]]);
  });
  it("reads a last row without a newline and keeps empty fields", () => {
    expect(parseDelimited("a,,c\n,2,", ",")).toEqual([["a", "", "c"], ["", "2", ""]]);
  });
  it("honours quotes holding delimiters, newlines and doubled quotes", () => {
    expect(parseDelimited('name,comment\n"Smith, J","said ""hi""\nthen left"\n', ",")).toEqual([
      ["name", "comment"],
      ["Smith, J", 'said "hi"\nthen left'],
    ]);
  });
  it("accepts CRLF line ends and tabs as delimiter", () => {
    expect(parseDelimited("x\ty\r\n1\t2\r\n", "\t")).toEqual([["x", "y"], ["1", "2"]]);
  });
  it("stops after maxRows", () => {
    expect(parseDelimited("1\n2\n3\n4\n", ",", 2)).toEqual([["1"], ["2"]]);
  });
  it("answers no rows for empty text", () => {
    expect(parseDelimited("", ",")).toEqual([]);
  });
});
