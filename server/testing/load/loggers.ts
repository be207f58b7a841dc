import { callWithRetry, type CallOutcome, type LoadCallOptions } from "./client";

// Concurrent MLflow loggers over HTTP, each on its own run, mixing the calls a training loop makes.
// Every value is derived from (key, step), fixed before the first attempt as a real client fixes it,
// so a retried call re-sends the same points and the ledger says exactly what the database must hold.

export type LoadOperation = "log-batch-10" | "log-batch-1000" | "log-metric" | "set-tag" | "log-parameter" | "search-runs";

/** One cycle of a logger: mostly small batches, one large batch, single points, a tag, a param, searches. */
const CYCLE: LoadOperation[] = ["log-batch-10", "log-metric", "log-batch-10", "search-runs", "log-batch-1000", "set-tag", "log-batch-10", "log-metric", "log-parameter", "search-runs"];

/** The series each write kind appends to, one per kind so each is a gap-free step range when all is acknowledged. */
export const SERIES_KEYS = { "log-batch-10": "batch10", "log-batch-1000": "batch1000", "log-metric": "single" } as const;
export const TAG_PREFIX = "load.tag.";
export const PARAM_PREFIX = "load.param.";

/** The value of the point at `step`: checked in SQL, so a point stored under the wrong step shows. */
export const pointValue = (step: number) => step * 0.5;
/** Timestamps are fixed per step too (a retry must not make a new point). */
export const pointTimestamp = (step: number) => 1_700_000_000_000 + step;

export interface LoggerLedger {
  runId: string;
  /** Per series key: points acknowledged (200) and points sent without an answer (may or may not be stored). */
  acknowledged: Record<string, number>;
  unacknowledged: Record<string, number>;
  params: { acknowledged: number; unacknowledged: number };
  tags: { acknowledged: number; unacknowledged: number };
}

export interface LoadResult {
  experimentId: string;
  ledgers: LoggerLedger[];
  elapsedMs: number;
  /** End-to-end latency (retries included) of every call answered 200, per operation. */
  latencies: Record<LoadOperation, number[]>;
  /** Final non-200 answers ("0" = no answer) and retried attempts, per operation and status. */
  failures: Record<string, number>;
  retries: Record<string, number>;
}

export interface LoadOptions extends LoadCallOptions {
  /** Servers to spread the loggers over (logger i talks to baseUrls[i % n]). */
  baseUrls: string[];
  loggers: number;
  durationMs: number;
}

/** Creates one experiment and a run per logger, then runs the loggers until `durationMs` has passed. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { baseUrls, loggers, durationMs } = options;
  const must = async (baseUrl: string, endpoint: string, fields: unknown) => {
    const outcome = await callWithRetry(baseUrl, "POST", endpoint, fields, options);
    if (outcome.status !== 200) throw new Error(`${endpoint}: HTTP ${outcome.status} ${JSON.stringify(outcome.body)}`);
    return outcome.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  const { experiment_id: experimentId } = await must(baseUrls[0], "experiments/create", { name: `load-${Date.now()}-${Math.random().toString(36).slice(2, 8)}` });
  const ledgers: LoggerLedger[] = [];
  for (let i = 0; i < loggers; i++) {
    const { run } = await must(baseUrls[i % baseUrls.length], "runs/create", { experiment_id: experimentId, run_name: `logger-${i}`, start_time: Date.now() });
    ledgers.push({ runId: run.info.run_id, acknowledged: {}, unacknowledged: {}, params: { acknowledged: 0, unacknowledged: 0 }, tags: { acknowledged: 0, unacknowledged: 0 } });
  }

  const result: LoadResult = {
    experimentId,
    ledgers,
    elapsedMs: 0,
    latencies: Object.fromEntries(CYCLE.map((op) => [op, []])) as unknown as LoadResult["latencies"],
    failures: {},
    retries: {},
  };
  const count = (into: Record<string, number>, key: string) => (into[key] = (into[key] ?? 0) + 1);
  const started = performance.now();
  const deadline = started + durationMs;

  await Promise.all(
    ledgers.map(async (ledger, i) => {
      const baseUrl = baseUrls[i % baseUrls.length];
      const nextStep: Record<string, number> = {};
      for (let n = i; performance.now() < deadline; n++) {
        const operation = CYCLE[n % CYCLE.length];
        const request = buildRequest(operation, ledger, experimentId, nextStep);
        const outcome: CallOutcome = await callWithRetry(baseUrl, request.method, request.endpoint, request.fields, options);
        for (const status of outcome.retried) count(result.retries, `${operation} ${status}`);
        const isAcknowledged = outcome.status === 200;
        if (isAcknowledged) result.latencies[operation].push(outcome.ms);
        else count(result.failures, `${operation} ${outcome.status}`);
        request.record(isAcknowledged);
      }
    }),
  );
  result.elapsedMs = performance.now() - started;
  return result;
}

interface LoadRequest {
  method: "GET" | "POST";
  endpoint: string;
  fields: unknown;
  /** Books the call in the ledger once its outcome is known. */
  record(isAcknowledged: boolean): void;
}

function buildRequest(operation: LoadOperation, ledger: LoggerLedger, experimentId: string, nextStep: Record<string, number>): LoadRequest {
  const run_id = ledger.runId;
  if (operation === "search-runs") {
    const filter = "attributes.status = 'RUNNING' and metrics.single >= 0";
    return { method: "POST", endpoint: "runs/search", fields: { experiment_ids: [experimentId], filter, max_results: 50, order_by: ["metrics.batch10 DESC"] }, record: () => {} };
  }
  if (operation === "set-tag" || operation === "log-parameter") {
    const book = operation === "set-tag" ? ledger.tags : ledger.params;
    const index = book.acknowledged + book.unacknowledged;
    const [endpoint, key] = operation === "set-tag" ? ["runs/set-tag", `${TAG_PREFIX}${index}`] : ["runs/log-parameter", `${PARAM_PREFIX}${index}`];
    return { method: "POST", endpoint, fields: { run_id, key, value: `value-${index}` }, record: (ok) => void (ok ? book.acknowledged++ : book.unacknowledged++) };
  }
  const key = SERIES_KEYS[operation];
  const size = operation === "log-batch-1000" ? 1000 : operation === "log-batch-10" ? 10 : 1;
  const first = nextStep[key] ?? 0;
  nextStep[key] = first + size;
  const points = Array.from({ length: size }, (_, j) => ({ key, value: pointValue(first + j), timestamp: pointTimestamp(first + j), step: first + j }));
  const record = (ok: boolean) => {
    const book = ok ? ledger.acknowledged : ledger.unacknowledged;
    book[key] = (book[key] ?? 0) + size;
  };
  if (operation === "log-metric") return { method: "POST", endpoint: "runs/log-metric", fields: { run_id, ...points[0] }, record };
  return { method: "POST", endpoint: "runs/log-batch", fields: { run_id, metrics: points }, record };
}
