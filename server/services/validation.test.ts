import { describe, expect, it } from "vitest";
import { LIMITS, normalizePosixPath, parseExperimentId, truncateValue, validateKey } from "./validation";

describe("validateKey", () => {
  it.each([
    "loss",
    "Loss_1",
    "train/loss",
    "train.loss",
    "train-loss",
    "train loss",
    "epoch:1",
    "a/b/c.d-e f:g_h",
    ".a", // starts with "." but not with ".."
    "a..b",
    "日本語",
    "ünïcödé",
    "x²", // Python's \w includes every Unicode digit and number
    "٣",
    "x".repeat(LIMITS.keyLength),
  ])("accepts %j", (key) => {
    expect(() => validateKey("metric", key)).not.toThrow();
  });

  const badChars = (key: string) =>
    `Invalid metric name: '${key}'. Names may only contain alphanumerics, underscores (_), dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).`;
  const notNormal = (key: string, normal: string) =>
    `Invalid metric name: '${key}'. Names may be treated as files in certain cases, and must not resolve to other names when treated as such. This name would resolve to '${normal}'.`;

  it.each([
    ["a@b", badChars("a@b")],
    ["a\tb", badChars("a\tb")],
    ["a\nb", badChars("a\nb")],
    ["a\u00a0b", badChars("a\u00a0b")], // no-break space is not " "
    ["loss!", badChars("loss!")],
    ["a\\b", badChars("a\\b")],
    // Combining marks are not \w in Python, so MLflow rejects decomposed accents and Devanagari vowel signs.
    ["e\u0301", badChars("e\u0301")],
    ["हिन्दी", badChars("हिन्दी")],
    ["", notNormal("", ".")],
    [".", notNormal(".", ".")],
    ["..", notNormal("..", "..")],
    ["..a", notNormal("..a", "..a")], // MLflow rejects any name starting with ".."
    ["...a", notNormal("...a", "...a")],
    ["../a", notNormal("../a", "../a")],
    ["/a", notNormal("/a", "/a")],
    ["a/", notNormal("a/", "a")],
    ["a//b", notNormal("a//b", "a/b")],
    ["./a", notNormal("./a", "a")],
    ["a/./b", notNormal("a/./b", "a/b")],
    ["a/../b", notNormal("a/../b", "b")],
    ["x".repeat(LIMITS.keyLength + 1), `metric name '${"x".repeat(40)}…' exceeds the maximum length of 250 characters.`],
  ])("rejects %j", (key, message) => {
    expect(() => validateKey("metric", key)).toThrow(expect.objectContaining({ code: "INVALID_PARAMETER_VALUE", message }));
  });

  it("names the kind of key in the message", () => {
    expect(() => validateKey("param", "a@b")).toThrow(/^Invalid param name: 'a@b'\./);
    expect(() => validateKey("tag", "/t")).toThrow(/^Invalid tag name: '\/t'\./);
  });
});

describe("normalizePosixPath behaves like Python's posixpath.normpath", () => {
  // Expected values printed by CPython 3: [p, posixpath.normpath(p)].
  it.each([
    ["", "."],
    [".", "."],
    ["..", ".."],
    ["/", "/"],
    ["//", "//"], // POSIX keeps exactly two leading slashes …
    ["//a", "//a"],
    ["///", "/"], // … but three or more become one
    ["///a//b/", "/a/b"],
    ["a", "a"],
    ["a/", "a"],
    ["a//b", "a/b"],
    ["./a", "a"],
    ["a/./b", "a/b"],
    ["a/..", "."],
    ["a/b/..", "a"],
    ["a/../..", ".."],
    ["a/b/../../..", ".."],
    ["../a", "../a"],
    ["../..", "../.."],
    ["/..", "/"],
    ["/../a", "/a"],
    ["//a/../..", "//"],
    ["a b/ c", "a b/ c"],
  ])("normpath(%j) = %j", (path, normal) => {
    expect(normalizePosixPath(path)).toBe(normal);
  });
});

describe("truncateValue", () => {
  it("keeps values up to the limit and cuts longer ones to it", () => {
    expect(truncateValue("abc", 3)).toBe("abc");
    expect(truncateValue("abcd", 3)).toBe("abc");
    expect(truncateValue("", 3)).toBe("");
  });
});

describe("parseExperimentId", () => {
  it.each([
    ["0", 0],
    ["17", 17],
    ["2147483647", 2147483647],
    ["2147483648", undefined],
    ["-1", undefined],
    ["1a", undefined],
    ["", undefined],
    [" 1", undefined],
  ])("%j → %j", (id, parsed) => {
    expect(parseExperimentId(id)).toBe(parsed);
  });
});
