import { Readable } from "node:stream";
import { ImportError } from "../import-error";

/**
 * GET/POST against an MLflow tracking server's REST API, with MLflow's credentials from the
 * environment (MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME/PASSWORD), as its clients send them.
 */
export class MlflowRestClient {
  private readonly headers: Record<string, string>;

  constructor(readonly baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.headers = {};
    const { MLFLOW_TRACKING_TOKEN: token, MLFLOW_TRACKING_USERNAME: user, MLFLOW_TRACKING_PASSWORD: password } = process.env;
    if (token) this.headers.authorization = `Bearer ${token}`;
    else if (user) this.headers.authorization = `Basic ${Buffer.from(`${user}:${password ?? ""}`).toString("base64")}`;
  }

  async get<T>(path: string, query: Record<string, string | number | undefined> = {}): Promise<T> {
    return parseBody<T>(await this.send("GET", path, query));
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return parseBody<T>(await this.send("POST", path, {}, body));
  }

  /** A download as a Node stream, read as it arrives. */
  async download(path: string, query: Record<string, string>): Promise<Readable> {
    const res = await this.send("GET", path, query);
    if (!res.body) return Readable.from([]);
    return Readable.fromWeb(res.body as import("node:stream/web").ReadableStream);
  }

  private async send(method: string, path: string, query: Record<string, string | number | undefined>, body?: unknown): Promise<Response> {
    const url = new URL(`${this.baseUrl}/${path}`);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, String(v));
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: { ...this.headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new ImportError(`cannot reach the MLflow tracking server at ${this.baseUrl}: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
    }
    if (!res.ok) {
      const text = await res.text();
      if (res.status === 401 || res.status === 403) {
        throw new ImportError(`the tracking server at ${this.baseUrl} refused the credentials (HTTP ${res.status}): set MLFLOW_TRACKING_TOKEN or MLFLOW_TRACKING_USERNAME/PASSWORD`);
      }
      throw new ImportError(`${method} ${url.pathname} answered HTTP ${res.status}: ${text.slice(0, 300)}`);
    }
    return res;
  }
}

async function parseBody<T>(res: Response): Promise<T> {
  return parseMlflowJson<T>(await res.text());
}

/** MLflow's Python server writes NaN and ±Infinity as bare tokens, which JSON.parse refuses. */
export function parseMlflowJson<T>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return JSON.parse(text.replace(/([:[,]\s*)(-?Infinity|NaN)(?=\s*[,}\]])/g, '$1"$2"')) as T;
  }
}

/** A metric value as it comes over the wire: a number, or "NaN" / "Infinity" / "-Infinity". */
export function wireNumber(value: unknown): number {
  if (typeof value === "number") return value;
  if (value === "NaN") return Number.NaN;
  if (value === "Infinity") return Number.POSITIVE_INFINITY;
  if (value === "-Infinity") return Number.NEGATIVE_INFINITY;
  return Number(value);
}
