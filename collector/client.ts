import { CollectorExit, EXIT_CODES } from "./exit-codes.js";

/** The collector's only way to the server: MLflow's public REST API, as any other client uses it. */

export interface WireMetric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}

export interface WireTag {
  key: string;
  value: string;
}

export type RunStatus = "RUNNING" | "SCHEDULED" | "FINISHED" | "FAILED" | "KILLED";

export interface WireRun {
  info: { run_id: string; experiment_id: string; status: RunStatus; lifecycle_stage: string };
  data: { metrics?: WireMetric[]; tags?: WireTag[] };
}

/** MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD (Basic wins, as in MLflow). */
export interface Credentials {
  token?: string;
  username?: string;
  password?: string;
}

/** The server answered with an error status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string | undefined,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Nothing answered: connection refused, unknown host, timeout. */
export class UnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnreachableError";
  }
}

/** Worth trying again later: the same statuses MLflow's own client retries. */
export function isRetryable(err: unknown): boolean {
  if (err instanceof UnreachableError) return true;
  return err instanceof ApiError && (err.status === 408 || err.status === 429 || err.status >= 500);
}

/**
 * Checks MLFLOW_TRACKING_URI and splits off credentials written into it (http://user:pass@host),
 * which fetch refuses to send itself.
 */
export function parseTrackingUri(uri: string): { baseUrl: string; username?: string; password?: string } {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new CollectorExit(EXIT_CODES.serverUnusable, `the tracking URI '${uri}' is not a URL; use http://host:port`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new CollectorExit(
      EXIT_CODES.serverUnusable,
      `the tracking URI '${uri}' is not an http(s) URL; the collector logs to a tracking server, e.g. http://host:5000`,
    );
  }
  const username = url.username ? decodeURIComponent(url.username) : undefined;
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  url.username = "";
  url.password = "";
  return { baseUrl: url.toString().replace(/\/+$/, ""), username, password };
}

export class TrackingClient {
  private readonly headers: Record<string, string>;

  constructor(
    readonly baseUrl: string,
    credentials: Credentials = {},
    private readonly timeoutMs = 15_000,
  ) {
    this.headers = { "content-type": "application/json" };
    if (credentials.username && credentials.password) {
      this.headers.authorization = `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64")}`;
    } else if (credentials.token) {
      this.headers.authorization = `Bearer ${credentials.token}`;
    }
  }

  /** Where a person sees the run in Metron's UI. */
  runUrl(experimentId: string, runId: string): string {
    return `${this.baseUrl}/experiments/${experimentId}/runs/${runId}`;
  }

  async getRun(runId: string): Promise<WireRun> {
    const body = await this.call("GET", "runs/get", { run_id: runId });
    return body.run as WireRun;
  }

  async createRun(input: { experimentId: string; runName?: string; startTime: number; tags: WireTag[] }): Promise<WireRun> {
    const body = await this.call("POST", "runs/create", {
      experiment_id: input.experimentId,
      start_time: input.startTime,
      tags: input.tags,
      ...(input.runName && { run_name: input.runName }),
    });
    return body.run as WireRun;
  }

  async updateRun(runId: string, status: RunStatus, endTime: number): Promise<void> {
    await this.call("POST", "runs/update", { run_id: runId, status, end_time: endTime });
  }

  async logBatch(runId: string, batch: { metrics?: WireMetric[]; tags?: WireTag[] }): Promise<void> {
    await this.call("POST", "runs/log-batch", { run_id: runId, ...batch });
  }

  /** The experiment's id, or undefined when no experiment has that name. */
  async findExperimentId(name: string): Promise<string | undefined> {
    try {
      const body = await this.call("GET", "experiments/get-by-name", { experiment_name: name });
      return body.experiment.experiment_id as string;
    } catch (err) {
      if (err instanceof ApiError && err.errorCode === "RESOURCE_DOES_NOT_EXIST") return undefined;
      throw err;
    }
  }

  async createExperiment(name: string): Promise<string> {
    const body = await this.call("POST", "experiments/create", { name });
    return body.experiment_id as string;
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private async call(method: "GET" | "POST", endpoint: string, fields: Record<string, unknown>): Promise<any> {
    let url = `${this.baseUrl}/api/2.0/mlflow/${endpoint}`;
    if (method === "GET") url += `?${new URLSearchParams(fields as Record<string, string>)}`;
    let res: Response;
    let text: string;
    try {
      res = await fetch(url, {
        method,
        headers: this.headers,
        body: method === "POST" ? JSON.stringify(fields) : undefined,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      throw new UnreachableError(describeFetchFailure(err));
    }
    let body: { error_code?: string; message?: string } | undefined;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = undefined;
    }
    if (res.ok && body) return body;
    const message = body?.message ?? (text.trim().slice(0, 200) || res.statusText);
    throw new ApiError(res.status, body?.error_code, message, retryAfterMs(res.headers.get("retry-after")));
  }
}

function describeFetchFailure(err: unknown): string {
  if (err instanceof DOMException && err.name === "TimeoutError") return "no answer within the request timeout";
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (err as Error).message;
}

/** Retry-After as seconds or an HTTP date. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
