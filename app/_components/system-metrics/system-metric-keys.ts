// The collector's (and MLflow's) system metric names, read back into what they measure:
// system/<name> for a single machine, system/<node>/<name> per node of a multi-node run,
// per-GPU names gpu_<i>_<measure> (collector/samplers/*.ts write them).

export type HostMeasure =
  | "cpu_utilization_percentage"
  | "system_memory_usage_percentage"
  | "system_memory_usage_megabytes"
  | "disk_usage_percentage"
  | "disk_usage_megabytes"
  | "disk_available_megabytes"
  | "network_receive_megabytes"
  | "network_transmit_megabytes";

export type GpuMeasure = "utilization_percentage" | "memory_usage_percentage" | "memory_usage_megabytes" | "power_usage_watts" | "power_usage_percentage";

const HOST_MEASURES: readonly string[] = [
  "cpu_utilization_percentage",
  "system_memory_usage_percentage",
  "system_memory_usage_megabytes",
  "disk_usage_percentage",
  "disk_usage_megabytes",
  "disk_available_megabytes",
  "network_receive_megabytes",
  "network_transmit_megabytes",
];
const GPU_MEASURES: readonly string[] = ["utilization_percentage", "memory_usage_percentage", "memory_usage_megabytes", "power_usage_watts", "power_usage_percentage"];

export type SystemMetricKey =
  | { key: string; node: string; kind: "host"; measure: HostMeasure }
  | { key: string; node: string; kind: "gpu"; gpu: number; measure: GpuMeasure };

/** "" is the node of a run logged by one machine (system/<name>). */
export function parseSystemMetricKey(key: string): SystemMetricKey | undefined {
  if (!key.startsWith("system/")) return undefined;
  const parts = key.slice("system/".length).split("/");
  if (parts.length > 2 || parts.some((p) => p === "")) return undefined;
  const node = parts.length === 2 ? parts[0] : "";
  const name = parts[parts.length - 1];
  const gpu = /^gpu_(\d+)_(.+)$/.exec(name);
  if (gpu && GPU_MEASURES.includes(gpu[2])) return { key, node, kind: "gpu", gpu: Number(gpu[1]), measure: gpu[2] as GpuMeasure };
  if (HOST_MEASURES.includes(name)) return { key, node, kind: "host", measure: name as HostMeasure };
  return undefined;
}

export interface SystemNode {
  /** "" for system/<name> keys. */
  node: string;
  /** Host measure → its metric key. */
  host: Partial<Record<HostMeasure, string>>;
  /** GPU index → measure → key, indexes ascending. */
  gpus: { index: number; keys: Partial<Record<GpuMeasure, string>> }[];
}

/** A run's system metric keys grouped per node (the single-machine node first, then by name). */
export function groupSystemKeys(keys: readonly string[]): SystemNode[] {
  const nodes = new Map<string, SystemNode>();
  for (const key of keys) {
    const parsed = parseSystemMetricKey(key);
    if (!parsed) continue;
    let node = nodes.get(parsed.node);
    if (!node) nodes.set(parsed.node, (node = { node: parsed.node, host: {}, gpus: [] }));
    if (parsed.kind === "host") {
      node.host[parsed.measure] = key;
      continue;
    }
    let gpu = node.gpus.find((g) => g.index === parsed.gpu);
    if (!gpu) node.gpus.push((gpu = { index: parsed.gpu, keys: {} }));
    gpu.keys[parsed.measure] = key;
  }
  const list = [...nodes.values()];
  for (const node of list) node.gpus.sort((a, b) => a.index - b.index);
  return list.sort((a, b) => (a.node === "" ? -1 : b.node === "" ? 1 : a.node.localeCompare(b.node, undefined, { numeric: true })));
}

export const isSystemMetricKey = (key: string) => key.startsWith("system/");
