import si from "systeminformation";
import type { Readings } from "./sampler.js";

/**
 * Memory in use = total − available (what `free` reports as used; page cache the kernel can drop
 * is not counted). MLflow reports psutil's `used`, which subtracts buffers/cache the same way.
 */
export async function sampleMemory(): Promise<Readings> {
  const { total, available } = await si.mem();
  const used = total - available;
  return {
    system_memory_usage_megabytes: used / 1e6,
    system_memory_usage_percentage: total > 0 ? (used / total) * 100 : 0,
  };
}
