import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestServer, testDatabaseUrl, type TestServer } from "../testing/test-server";
import { createImportTarget, runCli, type ImportTarget } from "./testing/import-harness";
import { snapshotStore } from "./testing/store-snapshot";

// `metron import http://…` from a Metron server (it speaks MLflow's REST API): seed every kind of entity,
// import into a second database, compare everything a client can read, field by field. PostgreSQL only:
// it is the suite's longest test, and the SQLite import test covers PGlite's writes.

/* eslint-disable @typescript-eslint/no-explicit-any */
describe.runIf(inject("driver") === "postgres")("metron import from a tracking server (REST)", () => {
  let source: TestServer;
  let target: ImportTarget;
  let imported: TestServer | undefined;

  beforeAll(async () => {
    source = await startTestServer("postgres", { databaseUrl: testDatabaseUrl("restsrc") });
    target = await createImportTarget("postgres", "restdst");
  }, 120_000);
  afterAll(async () => {
    await imported?.stop();
    await source?.stop();
    target?.dispose();
  });

  const api = async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(`${source.baseUrl}/api/2.0/mlflow/${path}`, {
      method,
      headers: { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${path}: ${res.status} ${text}`);
    return text ? JSON.parse(text) : {};
  };
  const put = async (path: string, body: string) => {
    const res = await fetch(`${source.baseUrl}/api/2.0/mlflow-artifacts/artifacts/${path}`, { method: "PUT", body });
    expect(res.status).toBe(200);
  };

  async function seed() {
    const { experiment_id: a } = await api("POST", "experiments/create", { name: "rest-a", tags: [{ key: "team", value: "nlp" }] });
    const { experiment_id: b } = await api("POST", "experiments/create", { name: "rest-b" });
    await api("POST", "experiments/delete", { experiment_id: b });

    const run = async (experimentId: string, name: string, extraTags: { key: string; value: string }[] = []) =>
      (await api("POST", "runs/create", { experiment_id: experimentId, run_name: name, start_time: 1_700_000_000_000, user_id: "bo", tags: extraTags })).run.info.run_id as string;
    const parent = await run(a, "parent");
    const child = await run(a, "child", [{ key: "mlflow.parentRunId", value: parent }]);
    const gone = await run(a, "gone");
    await api("POST", "runs/delete", { run_id: gone });

    const metrics = [
      { key: "loss", value: 1, timestamp: 10, step: 0 },
      { key: "loss", value: "NaN", timestamp: 11, step: 1 },
      { key: "loss", value: "Infinity", timestamp: 12, step: 2 },
      { key: "loss", value: "-Infinity", timestamp: 13, step: 3 },
      { key: "acc", value: 0.5, timestamp: 10, step: 0 },
    ];
    await api("POST", "runs/log-batch", { run_id: parent, metrics, params: [{ key: "lr", value: "0.1" }], tags: [{ key: "note", value: "x" }] });
    // More points than one history page (25,000), to cross the source's paging.
    for (let start = 0; start < 30_000; start += 1000) {
      const batch = Array.from({ length: 1000 }, (_, i) => ({ key: "step_time", value: (start + i) / 7, timestamp: 1000 + start + i, step: start + i }));
      await api("POST", "runs/log-batch", { run_id: child, metrics: batch });
    }
    await api("POST", "runs/update", { run_id: parent, status: "FINISHED", end_time: 1_700_000_100_000 });
    await api("POST", "runs/log-inputs", {
      run_id: parent,
      datasets: [{ dataset: { name: "squad", digest: "d1g3st", source_type: "http", source: '{"url":"https://x"}', schema: "{}", profile: '{"rows":3}' }, tags: [{ key: "mlflow.data.context", value: "eval" }] }],
    });

    const { model } = await api("POST", "logged-models", { experiment_id: a, name: "bert", model_type: "hf", source_run_id: parent, params: [{ key: "layers", value: "12" }], tags: [{ key: "k", value: "v" }] });
    const modelId = model.info.model_id;
    await api("POST", "runs/log-batch", { run_id: parent, metrics: [{ key: "f1", value: 0.8, timestamp: 20, step: 1, model_id: modelId, dataset_name: "squad", dataset_digest: "d1g3st" }] });
    await api("PATCH", `logged-models/${modelId}`, { model_id: modelId, status: "LOGGED_MODEL_READY" });
    await api("POST", "runs/outputs", { run_id: parent, models: [{ model_id: modelId, step: 1 }] });
    await put(`${a}/models/${modelId}/artifacts/MLmodel`, "flavors: {}\n");

    await api("POST", "registered-models/create", { name: "bert-prod", description: "prod", tags: [{ key: "owner", value: "nlp" }] });
    await api("POST", "model-versions/create", { name: "bert-prod", source: `runs:/${parent}/model`, run_id: parent });
    await api("POST", "model-versions/create", { name: "bert-prod", source: `models:/${modelId}`, run_id: parent, tags: [{ key: "ok", value: "1" }] });
    await api("POST", "model-versions/transition-stage", { name: "bert-prod", version: "2", stage: "Staging", archive_existing_versions: false });
    await api("POST", "registered-models/alias", { name: "bert-prod", alias: "best", version: "2" });

    await put(`${a}/${parent}/artifacts/model/weights.bin`, "w".repeat(2_000_000));
    await put(`${a}/${parent}/artifacts/readme.md`, "# hi");
    return { a, parent, child };
  }

  it("copies every entity; a Metron on the imported database answers exactly what the source answers", { timeout: 300_000 }, async () => {
    const { parent } = await seed();
    const before = await snapshotStore(source.baseUrl);
    expect(before.runs.find((r: any) => r.info.run_id === parent).artifacts).toHaveLength(2);

    const result = runCli(["import", source.baseUrl, ...target.args]);
    expect(result.stderr).toContain(`metron import: from MLflow tracking server ${source.baseUrl}`);
    expect(result.stdout).toContain("metric points                30006         30006  ok");
    expect(result.stdout).toContain("sha-256 matches                  3             3  ok");
    expect(result.stdout.split("\n").at(-1)).toBe("metron import: done, every count matches");
    expect(result.code).toBe(0);

    imported = await target.start();
    const after = await snapshotStore(imported.baseUrl);
    expect(after).toEqual(before);
  });

  it("says so clearly when the source cannot be reached", async () => {
    const unreachable = runCli(["import", "http://127.0.0.1:4", ...target.args]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain("metron import: cannot reach the MLflow tracking server at http://127.0.0.1:4: ECONNREFUSED");
  });
});
