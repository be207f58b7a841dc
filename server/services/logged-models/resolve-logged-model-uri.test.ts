import { describe, expect, it } from "vitest";
import { isLoggedModelId, parseLoggedModelUri } from "./resolve-logged-model-uri";

const ID = "m-0123456789abcdef0123456789abcdef";

describe("parseLoggedModelUri", () => {
  it.each([
    [`models:/${ID}`, { modelId: ID, path: "" }],
    [`models:${ID}`, { modelId: ID, path: "" }],
    [`models:/${ID}/`, { modelId: ID, path: "" }],
    [`models:/${ID}/data/model.pkl`, { modelId: ID, path: "data/model.pkl" }],
    [ID, { modelId: ID, path: "" }],
  ])("%s", (uri, expected) => {
    expect(parseLoggedModelUri(uri)).toEqual(expected);
  });

  it.each(["models:/my-model/1", "models:/my-model@champion", `models:/${ID}/../other`, "m-123", ""])("rejects %j", (uri) => {
    expect(() => parseLoggedModelUri(uri)).toThrow(`'${uri}' does not name a logged model: expected models:/m-<id>[/<path>].`);
  });

  it("recognises model ids", () => {
    expect(isLoggedModelId(ID)).toBe(true);
    expect(isLoggedModelId(ID.toUpperCase())).toBe(false);
  });
});
