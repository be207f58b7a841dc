import type os from "node:os";
import { describe, expect, it } from "vitest";
import { cpuUtilizationBetween, readCpuTimes } from "./cpu.js";

const core = (user: number, sys: number, idle: number, nice = 0, irq = 0): os.CpuInfo => ({
  model: "test",
  speed: 0,
  times: { user, nice, sys, idle, irq },
});

describe("CPU utilization", () => {
  it("is the busy share of all cores' time between two readings", () => {
    const before = readCpuTimes([core(100, 50, 850), core(0, 0, 1000)]);
    // Core 1: 150 busy of 200; core 2: 50 busy (nice + irq) of 200 → 200 of 400.
    const after = readCpuTimes([core(200, 100, 900), core(0, 0, 1150, 30, 20)]);
    expect(cpuUtilizationBetween(before, after)).toBe(50);
  });

  it("is 0 when no time has passed", () => {
    const times = readCpuTimes([core(1, 1, 1)]);
    expect(cpuUtilizationBetween(times, times)).toBe(0);
  });
});
