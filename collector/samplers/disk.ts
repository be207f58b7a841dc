import fs from "node:fs/promises";
import path from "node:path";
import type { Readings } from "./sampler.js";

/**
 * Usage of the root filesystem, with psutil.disk_usage's formulas (as MLflow): used = blocks − free
 * blocks, available = blocks available to unprivileged users, percent = used / (used + available).
 * One statfs call, where systeminformation's fsSize runs `df` (and more) for every sample.
 */
export async function sampleDisk(root = path.parse(process.cwd()).root): Promise<Readings> {
  const stats = await fs.statfs(root);
  const used = (stats.blocks - stats.bfree) * stats.bsize;
  const available = stats.bavail * stats.bsize;
  return {
    disk_usage_percentage: used + available > 0 ? (used / (used + available)) * 100 : 0,
    disk_usage_megabytes: used / 1e6,
    disk_available_megabytes: available / 1e6,
  };
}
