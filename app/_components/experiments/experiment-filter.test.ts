import { describe, expect, it } from "vitest";
import { toExperimentFilter } from "./experiment-filter";

describe("toExperimentFilter", () => {
  it.each([
    ["", undefined],
    ["   ", undefined],
    ["bert", "name ILIKE '%bert%'"],
    ["  resnet 50 ", "name ILIKE '%resnet 50%'"],
    ["o'neil", "name ILIKE '%o''neil%'"],
    ["name = 'exact'", "name = 'exact'"],
    ["name LIKE 'bert-%'", "name LIKE 'bert-%'"],
    ["tags.team = 'vision'", "tags.team = 'vision'"],
    ["tags.`mlflow.note` IS NULL", "tags.`mlflow.note` IS NULL"],
    ["attributes.creation_time > 1700000000000", "attributes.creation_time > 1700000000000"],
    ["last_update_time >= 5", "last_update_time >= 5"],
    // Words that merely start like a field are names to look for.
    ["names of things", "name ILIKE '%names of things%'"],
    ["tags", "name ILIKE '%tags%'"],
  ])("%j → %j", (typed, filter) => {
    expect(toExperimentFilter(typed)).toBe(filter);
  });
});
