import os from "node:os";
import si from "systeminformation";
import type { WireTag } from "./client.js";
import type { GpuReading } from "./samplers/nvidia-smi.js";

/**
 * What the run ran on, logged once as tags: metron.host.{name,cpu,cpu_cores,memory_megabytes,gpus},
 * or metron.host.<node_id>.… when each node of a multi-node run logs its own.
 */
export async function hostFactTags(nodeId: string | undefined, gpus: GpuReading[]): Promise<WireTag[]> {
  const [cpu, memory] = await Promise.all([si.cpu(), si.mem()]);
  const key = (fact: string) => (nodeId ? `metron.host.${nodeId}.${fact}` : `metron.host.${fact}`);
  return [
    { key: key("name"), value: os.hostname() },
    { key: key("cpu"), value: [cpu.manufacturer, cpu.brand].filter(Boolean).join(" ") || os.cpus()[0]?.model || "unknown" },
    { key: key("cpu_cores"), value: String(cpu.cores || os.cpus().length) },
    { key: key("memory_megabytes"), value: String(Math.round(memory.total / 1e6)) },
    { key: key("gpus"), value: gpus.length ? gpus.map((gpu) => `${gpu.index}: ${gpu.name}`).join(", ") : "none" },
  ];
}
