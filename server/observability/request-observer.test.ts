import { describe, expect, it } from "vitest";
import { requestIdFor } from "./request-observer";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("requestIdFor", () => {
  it("echoes a sane caller id", () => {
    expect(requestIdFor("abc-123_DEF.4:5")).toBe("abc-123_DEF.4:5");
    expect(requestIdFor("x".repeat(128))).toBe("x".repeat(128));
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["too long", "x".repeat(129)],
    ["with spaces", "a b"],
    ["with a newline (forged log line)", "a\nb"],
    ["with quotes", 'a"b'],
    ["sent twice", ["a", "b"]],
  ])("makes a fresh one when %s", (_, given) => {
    const id = requestIdFor(given);
    expect(id).toMatch(UUID);
    expect(requestIdFor(given)).not.toBe(id);
  });
});
