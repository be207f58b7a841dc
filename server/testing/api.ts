import { randomUUID } from "node:crypto";
import { inject } from "vitest";

/** The started server's MLflow API root, e.g. http://127.0.0.1:41234/api/2.0/mlflow. */
export const apiRoot = () => `${inject("baseUrl")}/api/2.0/mlflow`;

export interface ApiResponse {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
  headers: Headers;
}

async function toApiResponse(res: Response): Promise<ApiResponse> {
  const text = await res.text();
  let body: unknown;
  try {
    body = text === "" ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text, headers: res.headers };
}

/** POST a JSON body to an MLflow endpoint (path below /api/2.0/mlflow). */
export async function post(path: string, body: unknown, init: RequestInit = {}): Promise<ApiResponse> {
  return toApiResponse(
    await fetch(`${apiRoot()}/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: typeof body === "string" ? body : JSON.stringify(body),
      ...init,
    }),
  );
}

/** GET an MLflow endpoint with query fields; array values become repeated keys. */
export async function get(path: string, query: Record<string, string | number | (string | number)[]> = {}): Promise<ApiResponse> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
  }
  const qs = params.toString();
  return toApiResponse(await fetch(`${apiRoot()}/${path}${qs ? `?${qs}` : ""}`));
}

/** A name no other test (or earlier run) uses. */
export const uniqueName = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

export async function createExperiment(name = uniqueName("exp"), extra: Record<string, unknown> = {}): Promise<string> {
  const res = await post("experiments/create", { name, ...extra });
  if (res.status !== 200) throw new Error(`create experiment failed: ${res.text}`);
  return res.body.experiment_id as string;
}

export async function createRun(experimentId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await post("runs/create", { experiment_id: experimentId, ...extra });
  if (res.status !== 200) throw new Error(`create run failed: ${res.text}`);
  return res.body.run.info.run_id as string;
}

/** Asserts an MLflow error reply: status, error_code, and a message containing `fragment`. */
export function errorOf(res: ApiResponse): { status: number; code: string; message: string } {
  return { status: res.status, code: res.body?.error_code, message: res.body?.message };
}

/** Any method (PATCH, DELETE …) with an optional JSON body, for endpoints addressed by URL path. */
export async function send(method: string, path: string, body?: unknown): Promise<ApiResponse> {
  return toApiResponse(
    await fetch(`${apiRoot()}/${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
  );
}
