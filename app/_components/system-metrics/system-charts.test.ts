import { describe, expect, it } from "vitest";
import { planNodeCharts } from "./system-charts";
import { groupSystemKeys } from "./system-metric-keys";

describe("planNodeCharts", () => {
  it("plans CPU, memory, disk, network (as rates) and per-GPU charts of a node, in that order", () => {
    const [node] = groupSystemKeys([
      "system/n1/gpu_1_utilization_percentage",
      "system/n1/gpu_0_utilization_percentage",
      "system/n1/gpu_0_memory_usage_megabytes",
      "system/n1/gpu_0_memory_usage_percentage",
      "system/n1/gpu_1_memory_usage_megabytes",
      "system/n1/gpu_0_power_usage_watts",
      "system/n1/network_transmit_megabytes",
      "system/n1/network_receive_megabytes",
      "system/n1/disk_usage_megabytes",
      "system/n1/system_memory_usage_megabytes",
      "system/n1/system_memory_usage_percentage",
      "system/n1/cpu_utilization_percentage",
    ]);
    expect(planNodeCharts(node)).toEqual([
      { id: "n1:cpu", title: "CPU utilization", unit: "%", lines: [{ key: "system/n1/cpu_utilization_percentage", label: "CPU utilization" }] },
      { id: "n1:memory", title: "Memory", unit: "%", lines: [{ key: "system/n1/system_memory_usage_percentage", label: "Memory" }] },
      { id: "n1:disk", title: "Disk usage", unit: "MB", lines: [{ key: "system/n1/disk_usage_megabytes", label: "Disk usage" }] },
      {
        id: "n1:network",
        title: "Network",
        unit: "MB/s",
        lines: [
          { key: "system/n1/network_receive_megabytes", label: "receive", isRate: true },
          { key: "system/n1/network_transmit_megabytes", label: "transmit", isRate: true },
        ],
      },
      {
        id: "n1:gpu-utilization",
        title: "GPU utilization",
        unit: "%",
        lines: [
          { key: "system/n1/gpu_0_utilization_percentage", label: "GPU 0" },
          { key: "system/n1/gpu_1_utilization_percentage", label: "GPU 1" },
        ],
      },
      // Percent where a GPU logs it; GPU 1 only logs megabytes, so it has no line here.
      { id: "n1:gpu-memory", title: "GPU memory", unit: "%", lines: [{ key: "system/n1/gpu_0_memory_usage_percentage", label: "GPU 0" }] },
      { id: "n1:gpu-power", title: "GPU power", unit: "W", lines: [{ key: "system/n1/gpu_0_power_usage_watts", label: "GPU 0" }] },
    ]);
  });

  it("plans nothing for what a node does not log", () => {
    const [node] = groupSystemKeys(["system/disk_available_megabytes"]);
    expect(planNodeCharts(node)).toEqual([]);
  });
});
