import { describe, expect, it } from "vitest";
import { emptyTally } from "./copy-artifacts";
import type { EntityCounts } from "./model";
import { formatVerification } from "./verification-table";

const counts = (over: Partial<EntityCounts> = {}): EntityCounts => ({
  experiments: 2, runs: 3, params: 4, tags: 5, metricPoints: 600, datasetInputs: 1, loggedModels: 0, registeredModels: 1, modelVersions: 2, ...over,
});

describe("formatVerification", () => {
  it("marks each entity ok or MISMATCH and fails on any difference, artifacts included", () => {
    const artifacts = { ...emptyTally(), files: 2, bytes: 10, storedFiles: 2, storedBytes: 10, matchingChecksums: 1 };
    const { text, ok } = formatVerification({ source: counts(), metron: counts({ metricPoints: 599 }), artifacts });
    expect(ok).toBe(false);
    expect(text.split("\n")).toEqual([
      "                            source        metron",
      "experiments                      2             2  ok",
      "runs                             3             3  ok",
      "params                           4             4  ok",
      "run tags                         5             5  ok",
      "metric points                  600           599  MISMATCH",
      "dataset inputs                   1             1  ok",
      "logged models                    0             0  ok",
      "registered models                1             1  ok",
      "model versions                   2             2  ok",
      "artifact files                   2             2  ok",
      "artifact bytes                  10            10  ok",
      "sha-256 matches                  2             1  MISMATCH",
    ]);
  });

  it("on a dry run shows the source's counts only", () => {
    const { text, ok } = formatVerification({ source: counts(), artifacts: emptyTally() });
    expect(ok).toBe(true);
    expect(text.split("\n")[1]).toBe("experiments                      2             -  ");
  });
});
