// Loggers that retry as MLflow's Python client does (same request again on a connection error, 429 or
// 5xx, with backoff), for the fault tests: each records which batches the server acknowledged, and
// countPoints reads back what the server kept, so a test can tell lost points from duplicated ones.

export interface IngestLog {
  /** Steps of every batch answered 200, per metric key. */
  acknowledged: Map<string, number[]>;
  /** Every status answered, incl. "network" for a connection that failed or was cut. */
  statuses: Map<string, number>;
}

const RETRYABLE = new Set([429, 500, 502, 503, 504]);

/** POSTs `body` to the server `baseUrl()` names until it answers something other than a retryable failure. */
export async function postRetrying(baseUrl: () => string, endpoint: string, body: unknown, log: IngestLog, deadlineMs = 25_000): Promise<number> {
  const giveUpAt = Date.now() + deadlineMs;
  for (let attempt = 0; ; attempt++) {
    let status: number | "network";
    try {
      const res = await fetch(`${baseUrl()}/api/2.0/mlflow/${endpoint}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = "network";
    }
    log.statuses.set(String(status), (log.statuses.get(String(status)) ?? 0) + 1);
    if (status !== "network" && !RETRYABLE.has(status)) return status;
    if (Date.now() > giveUpAt) throw new Error(`${endpoint}: still failing (${status}) after ${deadlineMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 500)));
  }
}

export const newIngestLog = (): IngestLog => ({ acknowledged: new Map(), statuses: new Map() });

/**
 * Logs `batches` log-batch calls of `pointsPerBatch` points to metric `key` (steps numbered from 0, value
 * = step) one after another, each retried until answered; steps of 200 answers go to log.acknowledged.
 */
export async function ingestMetric(
  baseUrl: () => string,
  runId: string,
  key: string,
  options: { batches: number; pointsPerBatch: number; log: IngestLog; shouldStop?: () => boolean },
): Promise<void> {
  const { batches, pointsPerBatch, log } = options;
  const acknowledged = log.acknowledged.get(key) ?? [];
  log.acknowledged.set(key, acknowledged);
  for (let b = 0; b < batches && !options.shouldStop?.(); b++) {
    const steps = Array.from({ length: pointsPerBatch }, (_, i) => b * pointsPerBatch + i);
    const metrics = steps.map((step) => ({ key, value: step, timestamp: 1_700_000_000_000 + step, step }));
    const status = await postRetrying(baseUrl, "runs/log-batch", { run_id: runId, metrics }, log);
    if (status !== 200) throw new Error(`log-batch answered ${status}`);
    acknowledged.push(...steps);
  }
}

export interface Tally {
  /** Acknowledged steps the server does not have. */
  lost: number;
  /** Points stored more than once. */
  duplicated: number;
  stored: number;
  acknowledged: number;
}

/** Compares each key's stored history with what the server acknowledged. */
export async function tallyPoints(baseUrl: string, runId: string, log: IngestLog): Promise<Tally> {
  const tally: Tally = { lost: 0, duplicated: 0, stored: 0, acknowledged: 0 };
  for (const [key, steps] of log.acknowledged) {
    const query = new URLSearchParams({ run_id: runId, metric_key: key });
    const res = await fetch(`${baseUrl}/api/2.0/mlflow/metrics/get-history?${query}`);
    if (res.status !== 200) throw new Error(`get-history answered ${res.status}: ${await res.text()}`);
    const stored: number[] = ((await res.json()).metrics ?? []).map((m: { step: number | string }) => Number(m.step));
    const seen = new Set(stored);
    tally.stored += stored.length;
    tally.duplicated += stored.length - seen.size;
    tally.acknowledged += steps.length;
    tally.lost += steps.filter((step) => !seen.has(step)).length;
  }
  return tally;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
