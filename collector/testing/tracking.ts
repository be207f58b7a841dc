import { mlflowTestClient, sendWithFetch } from "../../server/testing/mlflow-client";

/** Plain REST calls against a given server (the shared test client), for checking what the collector logged. */

export interface Metric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

const client = (baseUrl: string) => mlflowTestClient(sendWithFetch(baseUrl));
const call = (baseUrl: string, method: "GET" | "POST", endpoint: string, fields: Record<string, unknown>) => client(baseUrl).call(method, endpoint, fields);

export async function createRun(baseUrl: string, experimentId = "0"): Promise<string> {
  return (await client(baseUrl).createRun(experimentId)).run_id;
}

export async function getRun(baseUrl: string, runId: string) {
  return (await call(baseUrl, "GET", "runs/get", { run_id: runId })).run;
}

export async function setRunStatus(baseUrl: string, runId: string, status: string): Promise<void> {
  await call(baseUrl, "POST", "runs/update", { run_id: runId, status });
}

export async function logMetrics(baseUrl: string, runId: string, metrics: Metric[]): Promise<void> {
  await call(baseUrl, "POST", "runs/log-batch", { run_id: runId, metrics });
}

export async function history(baseUrl: string, runId: string, key: string): Promise<Metric[]> {
  return (await call(baseUrl, "GET", "metrics/get-history", { run_id: runId, metric_key: key })).metrics ?? [];
}

/** Every metric key of the run (its latest points), sorted. */
export async function metricKeys(baseUrl: string, runId: string): Promise<string[]> {
  const run = await getRun(baseUrl, runId);
  return (run.data.metrics ?? []).map((metric: Metric) => metric.key).sort();
}

export async function tags(baseUrl: string, runId: string): Promise<Record<string, string>> {
  const run = await getRun(baseUrl, runId);
  return Object.fromEntries((run.data.tags ?? []).map((tag: { key: string; value: string }) => [tag.key, tag.value]));
}

/** MLflow's eight system metrics of a machine without GPUs. */
export const HOST_METRICS = [
  "cpu_utilization_percentage",
  "disk_available_megabytes",
  "disk_usage_megabytes",
  "disk_usage_percentage",
  "network_receive_megabytes",
  "network_transmit_megabytes",
  "system_memory_usage_megabytes",
  "system_memory_usage_percentage",
];
