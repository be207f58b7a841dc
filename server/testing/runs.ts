import { get, type ApiResponse } from "./api";

/** A fixed epoch-ms timestamp, so bodies can be compared whole. */
export const T0 = 1_700_000_000_000;

export const fetchRun = (runId: string) => get("runs/get", { run_id: runId });

export const fetchHistory = (runId: string, metricKey: string) => get("metrics/get-history", { run_id: runId, metric_key: metricKey });

/**
 * A run's `data` with params, tags and metrics sorted by key: their order follows the database
 * collation (which may differ between servers) and is not part of MLflow's contract.
 */
export function sortedData(res: ApiResponse): Record<string, { key: string }[]> {
  const data = { ...res.body.run.data };
  for (const field of ["params", "tags", "metrics"]) {
    if (data[field]) data[field] = [...data[field]].sort((a: { key: string }, b: { key: string }) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  return data;
}

/** The reply of every write refused because its run (or the run's experiment) is not active. */
export const notActive = (kind: "run" | "experiment", id: string) => ({
  status: 400,
  code: "INVALID_PARAMETER_VALUE",
  message: `The ${kind} ${id} must be in the 'active' state. Current state is deleted.`,
});

export const API_DOCS_HINT = "See the API docs for more information about request parameters.";

/** Status and body of a reply, to compare both exactly in one assertion. */
export const reply = (res: ApiResponse) => ({ status: res.status, body: res.body });

export const OK_EMPTY = { status: 200, body: {} };
