import { expect, test } from "vitest";
import { modelHref, registeredModelFilter } from "./registry-filter";

test("a name fragment becomes a case-insensitive contains, quotes escaped", () => {
  expect(registeredModelFilter(" resnet ")).toBe("name ILIKE '%resnet%'");
  expect(registeredModelFilter("o'brien")).toBe("name ILIKE '%o\\'brien%'");
  expect(registeredModelFilter("")).toBeUndefined();
});

test("text that reads as a filter is passed as is", () => {
  expect(registeredModelFilter("tags.team = 'vision'")).toBe("tags.team = 'vision'");
  expect(registeredModelFilter("name like 'bert%'")).toBe("name like 'bert%'");
});

test("model links encode the name and point at a version's row", () => {
  expect(modelHref("a/b c")).toBe("/models/a%2Fb%20c");
  expect(modelHref("m", "3")).toBe("/models/m#v3");
});
