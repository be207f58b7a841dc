import type { WireMetric } from "./client.js";

/**
 * MLflow's names for system metrics: `system/<name>`, or `system/<node_id>/<name>` when several
 * machines (multi-node training) log into one run and each needs its own series.
 */
export function systemMetricPrefix(nodeId?: string): string {
  return nodeId ? `system/${nodeId}/` : "system/";
}

/** One path segment of a metric key, as the server's key rules allow (no "/", not "." or ".."). */
export function isValidNodeId(nodeId: string): boolean {
  return /^[\w.:-]+$/.test(nodeId) && !/^\.+$/.test(nodeId);
}

/**
 * The step to continue from when a run already has this collector's series (MLflow: the highest
 * existing system/ step + 1). A run's metrics hold each key's latest point, which has its highest
 * step; other nodes' series (system/<other>/…) do not count.
 */
export function nextStepAfter(latestMetrics: Pick<WireMetric, "key" | "step">[], prefix: string): number {
  let next = 0;
  for (const metric of latestMetrics) {
    const name = metric.key.startsWith(prefix) ? metric.key.slice(prefix.length) : undefined;
    if (name && !name.includes("/")) next = Math.max(next, metric.step + 1);
  }
  return next;
}
