import { describe, expect, it } from "vitest";
import { groupSystemKeys, parseSystemMetricKey } from "./system-metric-keys";

describe("parseSystemMetricKey", () => {
  it("reads the collector's and MLflow's names, with and without a node", () => {
    expect(parseSystemMetricKey("system/cpu_utilization_percentage")).toEqual({ key: "system/cpu_utilization_percentage", node: "", kind: "host", measure: "cpu_utilization_percentage" });
    expect(parseSystemMetricKey("system/worker-1/gpu_3_power_usage_watts")).toEqual({ key: "system/worker-1/gpu_3_power_usage_watts", node: "worker-1", kind: "gpu", gpu: 3, measure: "power_usage_watts" });
    expect(parseSystemMetricKey("system/gpu_12_memory_usage_megabytes")).toMatchObject({ node: "", gpu: 12, measure: "memory_usage_megabytes" });
  });

  it("refuses other keys", () => {
    for (const key of ["loss", "system/", "system/a/b/cpu_utilization_percentage", "system//cpu_utilization_percentage", "system/gpu_x_utilization_percentage", "system/gpu_0_fan_speed", "system/unknown", "sys/cpu_utilization_percentage"]) {
      expect(parseSystemMetricKey(key)).toBeUndefined();
    }
  });
});

describe("groupSystemKeys", () => {
  it("groups per node (the unnamed node first, then by name, numbers in order) and GPUs by index", () => {
    const nodes = groupSystemKeys([
      "loss",
      "system/node-10/cpu_utilization_percentage",
      "system/node-2/gpu_1_utilization_percentage",
      "system/node-2/gpu_0_utilization_percentage",
      "system/node-2/gpu_0_power_usage_watts",
      "system/network_receive_megabytes",
    ]);
    expect(nodes).toEqual([
      { node: "", host: { network_receive_megabytes: "system/network_receive_megabytes" }, gpus: [] },
      {
        node: "node-2",
        host: {},
        gpus: [
          { index: 0, keys: { utilization_percentage: "system/node-2/gpu_0_utilization_percentage", power_usage_watts: "system/node-2/gpu_0_power_usage_watts" } },
          { index: 1, keys: { utilization_percentage: "system/node-2/gpu_1_utilization_percentage" } },
        ],
      },
      { node: "node-10", host: { cpu_utilization_percentage: "system/node-10/cpu_utilization_percentage" }, gpus: [] },
    ]);
  });
});
