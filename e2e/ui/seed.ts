import { expect, type APIRequestContext } from "@playwright/test";
import { mlflowTestClient, type MlflowSend } from "../../server/testing/mlflow-client";

// Test data goes in through the public REST API, exactly as an MLflow client would send it.

export async function postJson(request: APIRequestContext, path: string, data: unknown) {
  const res = await request.post(`/api/2.0/mlflow/${path}`, { data });
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

export async function getJson(request: APIRequestContext, pathAndQuery: string) {
  const res = await request.get(`/api/2.0/mlflow/${pathAndQuery}`);
  expect(res.status(), await res.text()).toBe(200);
  return res.json();
}

export const uniqueName = (prefix: string) => `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The shared test client (server/testing/mlflow-client.ts) over Playwright's request context. */
export function mlflowClient(request: APIRequestContext) {
  const send: MlflowSend = async (method, endpoint, fields) => {
    const res =
      method === "GET"
        ? await request.get(`/api/2.0/mlflow/${endpoint}`, { params: fields as Record<string, string> })
        : await request.post(`/api/2.0/mlflow/${endpoint}`, { data: fields });
    const text = await res.text();
    return { status: res.status(), text, body: text === "" ? undefined : JSON.parse(text) };
  };
  return mlflowTestClient(send);
}

export async function createExperiment(request: APIRequestContext, name = uniqueName("exp")): Promise<string> {
  return mlflowClient(request).createExperiment(name);
}

export interface SeededRun {
  experimentId: string;
  runId: string;
  artifactUri: string;
  url: string;
}

export async function createRun(request: APIRequestContext, experimentId: string, extra: Record<string, unknown> = {}): Promise<SeededRun> {
  const info = await mlflowClient(request).createRun(experimentId, extra);
  return { experimentId, runId: info.run_id, artifactUri: info.artifact_uri, url: `/experiments/${experimentId}/runs/${info.run_id}` };
}

/** Uploads a file into the run's artifacts through the proxy (PUT mlflow-artifacts/artifacts/<path>). */
export async function uploadArtifact(request: APIRequestContext, run: SeededRun, path: string, body: string | Buffer) {
  const root = run.artifactUri.replace(/^mlflow-artifacts:\/*/, "");
  const res = await request.put(`/api/2.0/mlflow-artifacts/artifacts/${root}/${path}`, { data: body });
  expect(res.status(), await res.text()).toBe(200);
}

export const finishRun = (request: APIRequestContext, runId: string, endTime: number) =>
  postJson(request, "runs/update", { run_id: runId, status: "FINISHED", end_time: endTime });
