import { describe, expect, it } from "vitest";
import { isValidNodeId, nextStepAfter, systemMetricPrefix } from "./metric-names.js";

describe("systemMetricPrefix", () => {
  it("is system/ alone, or system/<node_id>/ with a node id", () => {
    expect(systemMetricPrefix()).toBe("system/");
    expect(systemMetricPrefix("")).toBe("system/");
    expect(systemMetricPrefix("node-3")).toBe("system/node-3/");
  });
});

describe("isValidNodeId", () => {
  it("accepts one metric-key segment and refuses what would break the key", () => {
    expect(["node-3", "worker_0", "host.example.com", "rank:7"].filter(isValidNodeId)).toHaveLength(4);
    expect(["a/b", "", ".", "..", "with space", "naïve"].filter(isValidNodeId)).toEqual([]);
  });
});

describe("nextStepAfter", () => {
  const latest = [
    { key: "system/cpu_utilization_percentage", step: 41 },
    { key: "system/disk_usage_megabytes", step: 40 },
    { key: "system/node-1/cpu_utilization_percentage", step: 99 },
    { key: "loss", step: 500 },
  ];

  it("continues after the highest step of this collector's own series", () => {
    expect(nextStepAfter(latest, "system/")).toBe(42);
    expect(nextStepAfter(latest, "system/node-1/")).toBe(100);
  });

  it("starts at 0 when the run has no such series yet", () => {
    expect(nextStepAfter(latest, "system/node-2/")).toBe(0);
    expect(nextStepAfter([], "system/")).toBe(0);
  });
});
