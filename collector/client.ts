import http from "node:http";
import https from "node:https";
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
 * which are sent as Basic auth like MLflow's client does.
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
    const url = new URL(`${this.baseUrl}/api/2.0/mlflow/${endpoint}`);
    if (method === "GET") url.search = String(new URLSearchParams(fields as Record<string, string>));
    let reply: HttpReply;
    try {
      reply = await send(url, method, this.headers, method === "POST" ? JSON.stringify(fields) : undefined, this.timeoutMs);
    } catch (err) {
      const { code, message } = err as NodeJS.ErrnoException;
      throw new UnreachableError(code ?? message);
    }
    let body: { error_code?: string; message?: string } | undefined;
    try {
      body = reply.text ? JSON.parse(reply.text) : {};
    } catch {
      body = undefined;
    }
    if (reply.status >= 200 && reply.status < 300 && body) return body;
    const message = body?.message ?? (reply.text.trim().slice(0, 200) || `HTTP ${reply.status}`);
    const retryAfter = reply.headers["retry-after"];
    throw new ApiError(reply.status, body?.error_code, message, retryAfterMs(typeof retryAfter === "string" ? retryAfter : null));
  }
}

interface HttpReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

// One kept-alive connection is reused for every call: node:http rather than fetch, which costs
// several times more CPU and memory per request (measured; see bench/collector).
const AGENTS = { "http:": new http.Agent({ keepAlive: true, maxSockets: 4 }), "https:": new https.Agent({ keepAlive: true, maxSockets: 4 }) };

function send(url: URL, method: string, headers: Record<string, string>, body: string | undefined, timeoutMs: number): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === "https:" ? https : http;
    const request = transport.request(
      url,
      {
        method,
        agent: AGENTS[url.protocol as keyof typeof AGENTS],
        headers: body === undefined ? headers : { ...headers, "content-length": String(Buffer.byteLength(body)) },
        timeout: timeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    request.on("timeout", () => request.destroy(new Error("no answer within the request timeout")));
    request.on("error", reject);
    request.end(body);
  });
}

/** Retry-After as seconds or an HTTP date. */
function retryAfterMs(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
