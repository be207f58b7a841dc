import { describe, expect, it } from "vitest";
import { findRoute } from "./routes";

describe("findRoute", () => {
  it("captures path segments into fields", () => {
    const match = findRoute("logged-models/m-1/params", "POST");
    expect(match && match.route?.path).toBe("logged-models/:modelId/params");
    expect(match && "pathFields" in match && match.pathFields).toEqual({ modelId: "m-1" });
  });

  it("chooses the route by method on a shared path", () => {
    for (const [method, verbPath] of [["GET", "logged-models/:modelId"], ["PATCH", "logged-models/:modelId"], ["DELETE", "logged-models/:modelId"]]) {
      expect(findRoute("logged-models/m-1", method)?.route?.path).toBe(verbPath);
    }
    expect(findRoute("logged-models/m-1", "POST")).toEqual({ route: undefined, allowedMethods: ["GET", "PATCH", "DELETE"] });
  });

  it("prefers literal segments over captures", () => {
    expect(findRoute("logged-models/search", "POST")?.route?.path).toBe("logged-models/search");
    expect(findRoute("logged-models/search", "GET")).toEqual({ route: undefined, allowedMethods: ["POST"] });
  });

  it("lets a final :name* take the rest of the path", () => {
    const match = findRoute("logged-models/m-1/tags/a/b/c", "DELETE");
    expect(match && "pathFields" in match && match.pathFields).toEqual({ modelId: "m-1", tagKey: "a/b/c" });
  });

  it("answers undefined for unknown paths and paths of the wrong length", () => {
    expect(findRoute("logged-models/m-1/unknown", "GET")).toBeUndefined();
    expect(findRoute("logged-models/m-1/tags", "DELETE")).toEqual({ route: undefined, allowedMethods: ["PATCH"] });
    expect(findRoute("runs/get/extra", "GET")).toBeUndefined();
  });
});
