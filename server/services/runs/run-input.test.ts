import { z } from "zod";
import { describe, expect, it } from "vitest";
import { metricInput, metricInputs } from "./run-input";

// metricInputs takes plain points without zod; whatever it answers must be what z.array(metricInput) answers.
const reference = z.object({ metrics: z.array(metricInput).default([]) });
const fast = z.object({ metrics: metricInputs.default([]) });
const outcome = (schema: z.ZodType, input: unknown) => {
  const r = schema.safeParse(input, { reportInput: true });
  return r.success ? { data: r.data } : { issues: r.error.issues.map(({ path, code, message, input }) => ({ path, code, message, input })) };
};

const point = { key: "loss", value: 0.5, timestamp: 1_700_000_000_000, step: 3 };
const batches: unknown[] = [
  [],
  [point],
  [point, { key: "acc", value: -0, timestamp: 0 }],
  [{ ...point, step: -7, extra: "dropped" }],
  [{ ...point, value: "NaN" }, point],
  [point, { ...point, value: "1.5" }],
  [point, { ...point, timestamp: "1700000000000", step: "2" }],
  [point, { ...point, modelId: "m-1", datasetName: "train", datasetDigest: "abc" }],
  [point, { ...point, key: "" }],
  [point, { ...point, value: "x" }],
  [point, { ...point, value: Infinity }],
  [point, { ...point, timestamp: -1 }],
  [point, { ...point, timestamp: 1.5 }],
  [point, { ...point, step: 2 ** 60 }],
  [point, { ...point, step: null }],
  [point, null],
  [point, { ...point, modelId: "m".repeat(1000) }],
  "not a list",
  { 0: point },
];

describe("metricInputs", () => {
  it.each(batches.map((metrics, i) => [i, metrics]))("batch %i: answers what z.array(metricInput) answers", (_, metrics) => {
    expect(outcome(fast, { metrics })).toEqual(outcome(reference, { metrics }));
  });

  it("defaults to no points", () => {
    expect(outcome(fast, {})).toEqual({ data: { metrics: [] } });
  });
});
