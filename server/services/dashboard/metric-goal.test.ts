import { describe, expect, it } from "vitest";
import { guessMetricGoal } from "./metric-goal";

describe("guessMetricGoal", () => {
  it.each([
    ["loss", "min"],
    ["val/loss", "min"],
    ["eval_error_rate", "min"],
    ["test_rmse", "min"],
    ["perplexity", "min"],
    ["accuracy", "max"],
    ["val_f1", "max"],
    ["auc", "max"],
    ["reward", "max"],
  ] as const)("%s → %s", (key, goal) => expect(guessMetricGoal(key)).toBe(goal));
});
