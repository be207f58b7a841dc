import { describe, expect, it } from "vitest";
import type { ResourceRef } from "./access-rule";
import type { Permission } from "./principal";
import { shareAllows, type SharePrincipal } from "./share-scope";

const RUNS_LINK: SharePrincipal = { kind: "share", linkId: "l1", runIds: ["run-a", "run-b"] };
const MODEL_LINK: SharePrincipal = { kind: "share", linkId: "l2", runIds: [], modelName: "churn" };

// [link, resource, permission needed, allowed]
const CASES: [SharePrincipal, ResourceRef, Permission, boolean][] = [
  [RUNS_LINK, { runId: "run-a" }, "READ", true],
  [RUNS_LINK, { runId: "run-b" }, "READ", true],
  [RUNS_LINK, { runId: "run-c" }, "READ", false],
  [RUNS_LINK, { runId: "run-a" }, "EDIT", false],
  [RUNS_LINK, { runId: "run-a" }, "MANAGE", false],
  [RUNS_LINK, { experimentId: "1" }, "READ", false],
  [RUNS_LINK, { loggedModelId: "m-1" }, "READ", false],
  [RUNS_LINK, { modelName: "churn" }, "READ", false],
  [MODEL_LINK, { modelName: "churn" }, "READ", true],
  [MODEL_LINK, { modelName: "churn" }, "EDIT", false],
  [MODEL_LINK, { modelName: "Churn" }, "READ", false],
  [MODEL_LINK, { modelName: "churn-v2" }, "READ", false],
  [MODEL_LINK, { runId: "run-a" }, "READ", false],
  [MODEL_LINK, { experimentId: "0" }, "READ", false],
];

describe("shareAllows", () => {
  it.each(CASES)("%o on %o needing %s → %s", (principal, ref, need, allowed) => {
    expect(shareAllows(principal, ref, need)).toBe(allowed);
  });

  it("asks for READ when no permission is named", () => {
    expect(shareAllows(RUNS_LINK, { runId: "run-a" })).toBe(true);
    expect(shareAllows(RUNS_LINK, { runId: "run-z" })).toBe(false);
  });
});
