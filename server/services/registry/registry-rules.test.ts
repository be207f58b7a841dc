import { describe, expect, it } from "vitest";
import { canonicalStage, parseVersion, validateAlias } from "./registry-rules";

describe("canonicalStage", () => {
  it.each([
    ["none", "None"],
    ["STAGING", "Staging"],
    ["production", "Production"],
    ["Archived", "Archived"],
  ])("%s → %s", (stage, expected) => {
    expect(canonicalStage(stage)).toBe(expected);
  });

  it("refuses anything else", () => {
    expect(() => canonicalStage("Deleted_Internal")).toThrow(
      "Invalid Model Version stage: Deleted_Internal. Value must be one of None, Staging, Production, Archived.",
    );
  });
});

describe("parseVersion", () => {
  it.each([
    ["1", 1],
    [" 12 ", 12],
    ["+3", 3],
    ["0", 0],
  ])("%s → %s", (text, expected) => {
    expect(parseVersion(text)).toBe(expected);
  });

  it.each(["1.5", "abc", "", "1e3"])("refuses %j", (text) => {
    expect(() => parseVersion(text)).toThrow(`Parameter 'version' must be an integer, got '${text}'.`);
  });
});

describe("validateAlias", () => {
  it.each(["champion", "a_b-c", "V1a", "vx", "é"])("accepts %s", (alias) => {
    expect(() => validateAlias(alias)).not.toThrow();
  });

  it.each([
    ["latest", "'latest' alias name (case insensitive) is reserved."],
    ["LaTeSt", "'latest' alias name (case insensitive) is reserved."],
    ["v3", "Version alias name 'v3' is reserved."],
    ["V10", "Version alias name 'V10' is reserved."],
    ["a b", "Invalid alias name: 'a b'. Names may only contain alphanumerics, underscores (_), and dashes (-)."],
    ["x".repeat(256), "'Registered model alias name' exceeds the maximum length of 255 characters"],
  ])("refuses %s", (alias, message) => {
    expect(() => validateAlias(alias)).toThrow(message);
  });
});
