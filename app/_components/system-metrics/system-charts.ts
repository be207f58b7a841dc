// Which charts a node gets, and which series each one draws: the plan the System tab renders.
import type { SystemUnit } from "../charts/build-system-option";
import type { GpuMeasure, HostMeasure, SystemNode } from "./system-metric-keys";

export interface PlannedLine {
  key: string;
  label: string;
  /** A cumulative counter drawn as its rate per second. */
  isRate?: boolean;
}

export interface PlannedChart {
  /** Unique on the page: `<node>:<chart>`. */
  id: string;
  title: string;
  unit: SystemUnit;
  lines: PlannedLine[];
}

/** Distinct line colours for a node's GPUs (and for receive/transmit). */
export const GPU_PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#5c6bc0", "#8bc34a"];

export const nodeTitle = (node: string) => (node === "" ? "This machine" : `Node ${node}`);

/** The first measure the node logs of those given (percent preferred over megabytes). */
function firstOf(node: SystemNode, measures: HostMeasure[]): { key: string; measure: HostMeasure } | undefined {
  for (const measure of measures) {
    const key = node.host[measure];
    if (key) return { key, measure };
  }
  return undefined;
}

const unitOf = (measure: string): SystemUnit => (measure.endsWith("percentage") ? "%" : measure.endsWith("watts") ? "W" : "MB");

/** CPU, memory, disk, network, then GPU utilization, memory and power: each chart only if logged. */
export function planNodeCharts(node: SystemNode): PlannedChart[] {
  const charts: PlannedChart[] = [];
  const id = (name: string) => `${node.node}:${name}`;
  const host = (name: string, title: string, measures: HostMeasure[]) => {
    const found = firstOf(node, measures);
    if (found) charts.push({ id: id(name), title, unit: unitOf(found.measure), lines: [{ key: found.key, label: title }] });
  };
  host("cpu", "CPU utilization", ["cpu_utilization_percentage"]);
  host("memory", "Memory", ["system_memory_usage_percentage", "system_memory_usage_megabytes"]);
  host("disk", "Disk usage", ["disk_usage_percentage", "disk_usage_megabytes"]);
  const network: PlannedLine[] = [];
  if (node.host.network_receive_megabytes) network.push({ key: node.host.network_receive_megabytes, label: "receive", isRate: true });
  if (node.host.network_transmit_megabytes) network.push({ key: node.host.network_transmit_megabytes, label: "transmit", isRate: true });
  if (network.length > 0) charts.push({ id: id("network"), title: "Network", unit: "MB/s", lines: network });
  const gpu = (name: string, title: string, measures: GpuMeasure[]) => {
    const measure = measures.find((m) => node.gpus.some((g) => g.keys[m]));
    if (!measure) return;
    const lines = node.gpus.flatMap((g) => (g.keys[measure] ? [{ key: g.keys[measure]!, label: `GPU ${g.index}` }] : []));
    charts.push({ id: id(name), title, unit: unitOf(measure), lines });
  };
  gpu("gpu-utilization", "GPU utilization", ["utilization_percentage"]);
  gpu("gpu-memory", "GPU memory", ["memory_usage_percentage", "memory_usage_megabytes"]);
  gpu("gpu-power", "GPU power", ["power_usage_watts"]);
  return charts;
}
