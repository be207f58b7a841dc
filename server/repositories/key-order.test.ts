import { describe, expect, it } from "vitest";
import { compareKeys, sortedByKey } from "./key-order";

const utf8Order = (keys: string[]) => [...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));

describe("compareKeys", () => {
  it("orders as UTF-8 bytes do (PostgreSQL's C collation)", () => {
    const keys = ["b", "a", "B", "a.b", "a b", "a-b", "ab", "", "Z", "é", "ü", "日本", "\u{1F600}", "\uFF01", "\uE000x", "a\u{1F600}", "a\uFFFD", "10", "9"];
    expect([...keys].sort(compareKeys)).toEqual(utf8Order(keys));
  });

  it("puts a character above U+FFFF after U+E000–U+FFFF, unlike UTF-16 order", () => {
    expect(compareKeys("\u{10000}", "\uFFFF")).toBeGreaterThan(0);
    expect(compareKeys("\uFFFF", "\u{10000}")).toBeLessThan(0);
    expect("\u{10000}" < "\uFFFF").toBe(true); // what a plain `<` would answer
  });

  it("answers 0 only for equal keys, and a prefix sorts first", () => {
    expect(compareKeys("m", "m")).toBe(0);
    expect(compareKeys("m", "m1")).toBeLessThan(0);
    expect(compareKeys("m1", "m")).toBeGreaterThan(0);
  });

  it("sortedByKey sorts entries in place", () => {
    const entries = [{ key: "b", value: 1 }, { key: "a", value: 2 }];
    expect(sortedByKey(entries)).toBe(entries);
    expect(entries.map((e) => e.key)).toEqual(["a", "b"]);
  });
});
