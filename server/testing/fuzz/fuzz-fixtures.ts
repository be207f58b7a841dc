import type { FuzzFixtures } from "./hostile-values";

/** An experiment, a run, a registered model version and a logged model of the fuzz run's own, so requests can name real things. */
export async function createFuzzFixtures(baseUrl: string, authorization?: string): Promise<FuzzFixtures> {
  const headers = { "content-type": "application/json", ...(authorization ? { authorization } : {}) };
  const call = async (method: string, path: string, body: unknown) => {
    const res = await fetch(`${baseUrl}/api/2.0/mlflow/${path}`, { method, headers, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`fuzz fixture ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const suffix = Math.random().toString(36).slice(2, 8);
  const { experiment_id: experimentId } = await call("POST", "experiments/create", { name: `fuzz-${suffix}` });
  const { run } = await call("POST", "runs/create", { experiment_id: experimentId });
  await call("POST", "runs/log-batch", { run_id: run.info.run_id, metrics: [{ key: "loss", value: 1, timestamp: 1, step: 0 }], params: [{ key: "lr", value: "0.1" }] });
  const modelName = `fuzz-model-${suffix}`;
  await call("POST", "registered-models/create", { name: modelName });
  const { model_version: version } = await call("POST", "model-versions/create", { name: modelName, source: `${run.info.artifact_uri}/model`, run_id: run.info.run_id });
  const { model } = await call("POST", "logged-models", { experiment_id: experimentId, name: "fuzz" });
  return { experimentId, runId: run.info.run_id, modelName, modelVersion: version.version, loggedModelId: model.info.model_id };
}

/**
 * A fresh API token of the admin (auth on), made through the UI's own procedure with the admin's password.
 * Fresh, so its id is past the small numbers the fuzzer sends: a fuzzed `tokens.revoke {id: 1}` must not
 * sign the fuzzer itself out halfway and leave the rest of the run answered 401 before any handler.
 */
export async function createFuzzAdminToken(baseUrl: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/trpc/account.tokens.create`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}` },
    body: JSON.stringify({ name: `fuzz-${Math.random().toString(36).slice(2, 8)}` }),
  });
  const body = (await res.json()) as { result?: { data?: { token?: string } } };
  const token = body.result?.data?.token;
  if (!res.ok || !token) throw new Error(`fuzz admin token: ${res.status} ${JSON.stringify(body)}`);
  return `Bearer ${token}`;
}

/**
 * What a client sees once the fuzz is over: /health's answer, and a plain log-batch into a run of its own
 * (the fuzz may have deleted the fixtures) read back through get-history.
 */
export async function checkAfterFuzz(baseUrl: string, authorization?: string): Promise<{ health: string; logBatch: number; history: number[] }> {
  const headers = { "content-type": "application/json", ...(authorization ? { authorization } : {}) };
  const post = async (path: string, body: unknown) =>
    (await fetch(`${baseUrl}/api/2.0/mlflow/${path}`, { method: "POST", headers, body: JSON.stringify(body) })).json();
  const health = await fetch(`${baseUrl}/health`);
  const { experiment_id } = await post("experiments/create", { name: `after-fuzz-${Math.random().toString(36).slice(2, 8)}` });
  const { run } = await post("runs/create", { experiment_id });
  const metrics = [{ key: "after-fuzz", value: 0.5, timestamp: 1, step: 1 }];
  const logged = await fetch(`${baseUrl}/api/2.0/mlflow/runs/log-batch`, { method: "POST", headers, body: JSON.stringify({ run_id: run.info.run_id, metrics }) });
  const history = await fetch(`${baseUrl}/api/2.0/mlflow/metrics/get-history?run_id=${run.info.run_id}&metric_key=after-fuzz`, { headers });
  const { metrics: points = [] } = (await history.json()) as { metrics?: { value: number }[] };
  return { health: `${health.status} ${await health.text()}`, logBatch: logged.status, history: points.map((m) => m.value) };
}
