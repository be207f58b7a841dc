import { apiRoot, post, uniqueName, type ApiResponse } from "./api";

/** A JSON request with any method (the registry uses PATCH and DELETE with JSON bodies). */
export async function send(method: "PATCH" | "DELETE", path: string, body: unknown): Promise<ApiResponse> {
  const res = await fetch(`${apiRoot()}/${path}`, {
    method,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text === "" ? undefined : JSON.parse(text), text, headers: res.headers };
}

export const patch = (path: string, body: unknown) => send("PATCH", path, body);
export const del = (path: string, body: unknown) => send("DELETE", path, body);

/** Creates a registered model under a fresh name and returns the name. */
export async function createModel(prefix = "model", extra: Record<string, unknown> = {}): Promise<string> {
  const name = uniqueName(prefix);
  const res = await post("registered-models/create", { name, ...extra });
  if (res.status !== 200) throw new Error(`create registered model failed: ${res.text}`);
  return name;
}

/** Registers a version (source in the proxied artifact store by default) and returns its wire form. */
export async function createVersion(name: string, extra: Record<string, unknown> = {}) {
  const res = await post("model-versions/create", { name, source: "mlflow-artifacts:/0/abc/artifacts/model", ...extra });
  if (res.status !== 200) throw new Error(`create model version failed: ${res.text}`);
  return res.body.model_version;
}
