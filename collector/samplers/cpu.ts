import os from "node:os";
import type { Sampler } from "./sampler.js";

export interface CpuTimes {
  busy: number;
  total: number;
}

/** All cores' time counters added up (what systeminformation's currentLoad reads, without its extra `cat /proc/stat` process). */
export function readCpuTimes(cpus: os.CpuInfo[] = os.cpus()): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus) {
    const all = times.user + times.nice + times.sys + times.irq + times.idle;
    total += all;
    busy += all - times.idle;
  }
  return { busy, total };
}

/** The busy share of all cores between two readings, in % (psutil.cpu_percent's meaning). */
export function cpuUtilizationBetween(before: CpuTimes, after: CpuTimes): number {
  const elapsed = after.total - before.total;
  return elapsed > 0 ? ((after.busy - before.busy) / elapsed) * 100 : 0;
}

/** cpu_utilization_percentage since the previous reading (the first: since the start). */
export function startCpuSampler(): Sampler {
  let previous = readCpuTimes();
  return async () => {
    const current = readCpuTimes();
    const percent = cpuUtilizationBetween(previous, current);
    previous = current;
    return { cpu_utilization_percentage: percent };
  };
}
