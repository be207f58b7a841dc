import { describe, expect, it } from "vitest";
import { aggregateSamples } from "./aggregate.js";

describe("aggregateSamples", () => {
  it("logs each metric's mean rounded to one decimal, at the last sample's time", () => {
    const point = aggregateSamples([
      { timestamp: 1000, values: { cpu_utilization_percentage: 10, disk_usage_megabytes: 100.04 } },
      { timestamp: 2000, values: { cpu_utilization_percentage: 20, disk_usage_megabytes: 100.04 } },
      { timestamp: 3000, values: { cpu_utilization_percentage: 25, disk_usage_megabytes: 100.1 } },
    ]);
    expect(point).toEqual({ timestamp: 3000, values: { cpu_utilization_percentage: 18.3, disk_usage_megabytes: 100.1 } });
  });

  it("keeps the last value of the cumulative network counters, unrounded", () => {
    const point = aggregateSamples([
      { timestamp: 1, values: { network_receive_megabytes: 1.23456, network_transmit_megabytes: 0.5 } },
      { timestamp: 2, values: { network_receive_megabytes: 2.34567, network_transmit_megabytes: 0.75 } },
    ]);
    expect(point.values).toEqual({ network_receive_megabytes: 2.34567, network_transmit_megabytes: 0.75 });
  });

  it("averages a metric over the samples that have it", () => {
    const point = aggregateSamples([
      { timestamp: 1, values: { cpu_utilization_percentage: 50, gpu_0_utilization_percentage: 90 } },
      { timestamp: 2, values: { cpu_utilization_percentage: 70 } },
    ]);
    expect(point.values).toEqual({ cpu_utilization_percentage: 60, gpu_0_utilization_percentage: 90 });
  });

  it("rounds a single sample too (samples-before-logging 1)", () => {
    expect(aggregateSamples([{ timestamp: 5, values: { system_memory_usage_percentage: 9.5678 } }]).values).toEqual({
      system_memory_usage_percentage: 9.6,
    });
  });

  it("refuses an empty window", () => {
    expect(() => aggregateSamples([])).toThrow("a logging window needs at least one sample");
  });
});
