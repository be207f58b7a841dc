// The HTTP side of a load logger: one MLflow REST call, retried the way MLflow's Python client retries
// (urllib3 Retry: 429 and 5xx answers and connection errors, exponential backoff), timed end to end.

/** Statuses MLflow's client retries (its status_forcelist), besides any connection error. */
const RETRIED_STATUSES = new Set([429, 500, 502, 503, 504]);

export interface LoadCallOptions {
  /** Extra request headers, e.g. an Authorization for an auth-on server. */
  headers?: Record<string, string>;
  /** Attempts before giving up (MLflow's default MLFLOW_HTTP_REQUEST_MAX_RETRIES is 7, plus the first). */
  maxAttempts?: number;
  /** First backoff; doubles per retry (MLflow: backoff_factor 2 s; tests want less). */
  backoffMs?: number;
  /** One attempt's time limit; a timed-out attempt is retried like a lost connection. */
  attemptTimeoutMs?: number;
}

export interface CallOutcome {
  status: number;
  body: unknown;
  /** Statuses (or "connection") of the attempts that were retried. */
  retried: string[];
  ms: number;
}

/** POSTs (or GETs) `fields` to `<baseUrl>/api/2.0/mlflow/<endpoint>`, retrying as MLflow's client does. */
export async function callWithRetry(baseUrl: string, method: "GET" | "POST", endpoint: string, fields: unknown, options: LoadCallOptions = {}): Promise<CallOutcome> {
  const { maxAttempts = 8, backoffMs = 100, attemptTimeoutMs = 60_000 } = options;
  const started = performance.now();
  const retried: string[] = [];
  const query = method === "GET" ? `?${new URLSearchParams(fields as Record<string, string>)}` : "";
  for (let attempt = 1; ; attempt++) {
    let status: number | undefined;
    let body: unknown;
    try {
      const res = await fetch(`${baseUrl}/api/2.0/mlflow/${endpoint}${query}`, {
        method,
        headers: { ...(method === "POST" ? { "content-type": "application/json" } : {}), ...options.headers },
        body: method === "POST" ? JSON.stringify(fields) : undefined,
        signal: AbortSignal.timeout(attemptTimeoutMs),
      });
      status = res.status;
      const text = await res.text();
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      // connection refused/reset, timeout, or a torn body: the client cannot know whether it was applied
      status = undefined;
    }
    const retryable = status === undefined || RETRIED_STATUSES.has(status);
    if (!retryable || attempt >= maxAttempts) return { status: status ?? 0, body, retried, ms: performance.now() - started };
    retried.push(status === undefined ? "connection" : String(status));
    await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random())));
  }
}
