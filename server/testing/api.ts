import { randomUUID } from "node:crypto";
import { expect, inject } from "vitest";
import { mlflowTestClient, readReply, sendWithFetch } from "./mlflow-client";

/** The started server's MLflow API root, e.g. http://127.0.0.1:41234/api/2.0/mlflow. */
export const apiRoot = () => `${inject("baseUrl")}/api/2.0/mlflow`;

export interface ApiResponse {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  text: string;
  headers: Headers;
}

const toApiResponse = (res: Response): Promise<ApiResponse> => readReply(res);

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

/** The shared test client (mlflow-client.ts) against the started server. */
export const mlflow = mlflowTestClient(sendWithFetch(() => inject("baseUrl")));

export async function createExperiment(name = uniqueName("exp"), extra: Record<string, unknown> = {}): Promise<string> {
  return mlflow.createExperiment(name, extra);
}

export async function createRun(experimentId: string, extra: Record<string, unknown> = {}): Promise<string> {
  return (await mlflow.createRun(experimentId, extra)).run_id;
}

/** The reply, after asserting it is a 200 (its text shows in the failure otherwise). */
export async function ok(res: Promise<ApiResponse>): Promise<ApiResponse> {
  const awaited = await res;
  expect(awaited.status, awaited.text).toBe(200);
  return awaited;
}

/** The run names of a runs/search answer, in order. */
export const runNames = (res: ApiResponse): string[] => (res.body.runs ?? []).map((r: { info: { run_name: string } }) => r.info.run_name);

/** An MLflow error reply as { status, code, message }, to compare whole. */
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
