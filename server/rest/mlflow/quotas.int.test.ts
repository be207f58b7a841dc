import { inject, describe, expect, it } from "vitest";
import { createExperiment, createRun, errorOf, post } from "../../testing/api";
import { fetchHistory, fetchRun, OK_EMPTY, reply, sortedData, T0 } from "../../testing/runs";
import { trpcMutation, trpcQuery } from "../../testing/trpc";

// Quotas at their exact boundaries over the REST API: N allowed, N+1 refused as MLflow's RESOURCE_EXHAUSTED,
// and a refused request writes nothing. Limits are set per experiment through the admin procedure.

interface Limits {
  maxRuns?: number;
  maxParamsPerRun?: number;
  maxTagsPerRun?: number;
  maxMetricStepsPerRun?: number;
  maxArtifactBytes?: number;
}

async function experimentWith(limits: Limits): Promise<string> {
  const experimentId = await createExperiment();
  const set = await trpcMutation("quotas.setExperiment", {
    experimentId,
    maxRuns: null,
    maxParamsPerRun: null,
    maxTagsPerRun: null,
    maxMetricStepsPerRun: null,
    maxArtifactBytes: null,
    ...limits,
  });
  expect(set.status).toBe(200);
  return experimentId;
}

// 400, not 429: MLflow clients retry a 429 for minutes and then drop the message (quota-errors.ts).
const exhausted = (message: string) => ({ status: 400, code: "RESOURCE_EXHAUSTED", message });
const logBatch = (runId: string, batch: Record<string, unknown>) => post("runs/log-batch", { run_id: runId, ...batch });
const params = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: "v" }));
const points = (key: string, n: number, firstStep = 0) => Array.from({ length: n }, (_, i) => ({ key, value: i, timestamp: T0, step: firstStep + i }));

describe("run quota per experiment", () => {
  it("allows N active runs, refuses the N+1st, and counts a deleted run out", async () => {
    const experimentId = await experimentWith({ maxRuns: 2 });
    const first = await createRun(experimentId);
    await createRun(experimentId);
    const refused = await post("runs/create", { experiment_id: experimentId, start_time: T0 });
    expect(errorOf(refused)).toEqual(exhausted(`Quota exceeded: experiment ${experimentId} may have at most 2 active runs; this request would make it 3. Nothing was written.`));
    expect((await post("runs/search", { experiment_ids: [experimentId] })).body.runs).toHaveLength(2);
    expect(reply(await post("runs/delete", { run_id: first }))).toEqual(OK_EMPTY);
    await createRun(experimentId);
  });
});

describe("per-run quotas in log-batch and the single-value verbs", () => {
  it("params: exactly N, then a batch crossing the limit writes none of its params, tags or metrics", async () => {
    const runId = await createRun(await experimentWith({ maxParamsPerRun: 3 }), { run_name: "r" });
    expect(reply(await logBatch(runId, { params: params("p", 2) }))).toEqual(OK_EMPTY);
    const crossing = await logBatch(runId, { params: params("q", 2), tags: [{ key: "t", value: "v" }], metrics: points("m", 1) });
    expect(errorOf(crossing)).toEqual(exhausted(`Quota exceeded: run ${runId} may have at most 3 params; this request would make it 4. Nothing was written.`));
    expect(sortedData(await fetchRun(runId))).toEqual({ params: params("p", 2), tags: [{ key: "mlflow.runName", value: "r" }] });
    expect((await fetchHistory(runId, "m")).body).toEqual({});
    // A param logged again with its value is no new param; one new param reaches the limit exactly.
    expect(reply(await logBatch(runId, { params: [...params("p", 2), { key: "q0", value: "v" }] }))).toEqual(OK_EMPTY);
    expect(errorOf(await post("runs/log-parameter", { run_id: runId, key: "q1", value: "v" })).code).toBe("RESOURCE_EXHAUSTED");
    expect(reply(await post("runs/log-parameter", { run_id: runId, key: "q0", value: "v" }))).toEqual(OK_EMPTY);
  });

  it("tags: the run's name counts; updating a tag is free; a new one past N is refused, also at creation", async () => {
    const experimentId = await experimentWith({ maxTagsPerRun: 3 });
    const runId = await createRun(experimentId, { run_name: "r" });
    expect(reply(await logBatch(runId, { tags: params("t", 2) }))).toEqual(OK_EMPTY);
    expect(reply(await post("runs/set-tag", { run_id: runId, key: "t0", value: "changed" }))).toEqual(OK_EMPTY);
    expect(errorOf(await post("runs/set-tag", { run_id: runId, key: "t9", value: "v" }))).toEqual(
      exhausted(`Quota exceeded: run ${runId} may have at most 3 tags; this request would make it 4. Nothing was written.`),
    );
    expect((await fetchRun(runId)).body.run.data.tags).toHaveLength(3);
    expect((await post("runs/create", { experiment_id: experimentId, tags: params("c", 2) })).status).toBe(200);
    expect(errorOf(await post("runs/create", { experiment_id: experimentId, tags: params("c", 3) }))).toEqual(
      exhausted("Quota exceeded: a run may have at most 3 tags; this request would make it 4. Nothing was written."),
    );
  });

  it("metric steps: N points over any keys, then one more is refused and not stored", async () => {
    const runId = await createRun(await experimentWith({ maxMetricStepsPerRun: 5 }));
    expect(reply(await logBatch(runId, { metrics: [...points("a", 3), ...points("b", 1)] }))).toEqual(OK_EMPTY);
    expect(errorOf(await logBatch(runId, { metrics: points("a", 2, 3) }))).toEqual(
      exhausted(`Quota exceeded: run ${runId} may have at most 5 metric steps; this request would make it 6. Nothing was written.`),
    );
    expect((await fetchHistory(runId, "a")).body.metrics).toHaveLength(3);
    expect(reply(await post("runs/log-metric", { run_id: runId, key: "b", value: 1, timestamp: T0, step: 1 }))).toEqual(OK_EMPTY);
    expect(errorOf(await post("runs/log-metric", { run_id: runId, key: "b", value: 2, timestamp: T0, step: 2 })).code).toBe("RESOURCE_EXHAUSTED");
    expect((await fetchHistory(runId, "b")).body.metrics).toHaveLength(2);
  });
});

describe("artifact bytes per experiment", () => {
  const put = (path: string, body: BodyInit, init: RequestInit = {}) =>
    fetch(`${inject("baseUrl")}/api/2.0/mlflow-artifacts/artifacts/${path}`, { method: "PUT", body, ...init });
  const read = async (path: string) => (await fetch(`${inject("baseUrl")}/api/2.0/mlflow-artifacts/artifacts/${path}`)).status;

  it("allows exactly the limit, refuses a declared byte more before storing it", async () => {
    const experimentId = await experimentWith({ maxArtifactBytes: 10 });
    const runId = await createRun(experimentId);
    const base = `${experimentId}/${runId}/artifacts`;
    expect((await put(`${base}/a.txt`, "0123456789")).status).toBe(200);
    const refused = await put(`${base}/b.txt`, "x");
    expect([refused.status, await refused.json()]).toEqual([
      400,
      { error_code: "RESOURCE_EXHAUSTED", message: `Quota exceeded: experiment ${experimentId} may have at most 10 artifact bytes; this request would make it 11. Nothing was written.` },
    ]);
    expect([await read(`${base}/a.txt`), await read(`${base}/b.txt`)]).toEqual([200, 404]);
  });

  it("cuts off an upload of undeclared length once it passes the limit, keeping nothing of it", async () => {
    const experimentId = await experimentWith({ maxArtifactBytes: 8 });
    const base = `${experimentId}/${await createRun(experimentId)}/artifacts`;
    const chunks = ["01234", "56789"];
    const stream = new ReadableStream({ pull: (c) => (chunks.length ? c.enqueue(new TextEncoder().encode(chunks.shift())) : c.close()) });
    const refused = await put(`${base}/big.bin`, stream, { duplex: "half" } as RequestInit);
    expect([refused.status, await refused.json()]).toEqual([400, { error_code: "RESOURCE_EXHAUSTED", message: `Quota exceeded: experiment ${experimentId} may have at most 8 artifact bytes; this request would make it 10. Nothing was written.` }]);
    expect(await read(`${base}/big.bin`)).toBe(404);
    expect((await put(`${base}/fits.bin`, "01234567")).status).toBe(200);
  });

  const usedBytes = async (experimentId: string) =>
    (await trpcQuery("quotas.usage", {})).body.result.data.experiments.find((e: { experimentId: string }) => e.experimentId === experimentId).artifactBytes;
  const refusal = (experimentId: string, limit: number, wouldBe: number) => ({
    error_code: "RESOURCE_EXHAUSTED",
    message: `Quota exceeded: experiment ${experimentId} may have at most ${limit} artifact bytes; this request would make it ${wouldBe}. Nothing was written.`,
  });

  it("counts an overwritten file once (the difference) and gives a deleted file's bytes back", async () => {
    const experimentId = await experimentWith({ maxArtifactBytes: 10 });
    const base = `${experimentId}/${await createRun(experimentId)}/artifacts`;
    expect((await put(`${base}/a.txt`, "01234567")).status).toBe(200);
    expect((await put(`${base}/a.txt`, "012345678")).status).toBe(200);
    expect(await usedBytes(experimentId)).toBe(9);
    expect((await put(`${base}/dir/b.txt`, "x")).status).toBe(200);
    expect(await usedBytes(experimentId)).toBe(10);
    const over = await put(`${base}/dir/c.txt`, "y");
    expect([over.status, await over.json()]).toEqual([400, refusal(experimentId, 10, 11)]);
    // Shrinking a file at the limit is always allowed.
    expect((await put(`${base}/a.txt`, "0123")).status).toBe(200);
    expect(await usedBytes(experimentId)).toBe(5);
    expect((await fetch(`${inject("baseUrl")}/api/2.0/mlflow-artifacts/artifacts/${base}/a.txt`, { method: "DELETE" })).status).toBe(200);
    expect(await usedBytes(experimentId)).toBe(1);
    expect((await fetch(`${inject("baseUrl")}/api/2.0/mlflow-artifacts/artifacts/${base}/dir`, { method: "DELETE" })).status).toBe(200);
    expect(await usedBytes(experimentId)).toBe(0);
    expect((await put(`${base}/full.bin`, "0123456789")).status).toBe(200);
    expect(await usedBytes(experimentId)).toBe(10);
  });

  it("lets concurrent uploads together reach the limit, never pass it", async () => {
    const experimentId = await experimentWith({ maxArtifactBytes: 12 });
    const base = `${experimentId}/${await createRun(experimentId)}/artifacts`;
    // Five uploads of 4 bytes each, all declared within the limit on their own: exactly three fit.
    const replies = await Promise.all([0, 1, 2, 3, 4].map((i) => put(`${base}/part-${i}.bin`, "abcd")));
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 400)).toHaveLength(2);
    expect(await usedBytes(experimentId)).toBe(12);
    const stored = await Promise.all([0, 1, 2, 3, 4].map((i) => read(`${base}/part-${i}.bin`)));
    // Exactly the accepted uploads are stored; a refused one keeps nothing.
    expect(stored).toEqual(statuses.map((s) => (s === 200 ? 200 : 404)));
  });
});

describe("admin usage", () => {
  it("shows an experiment's usage beside its own limits", async () => {
    const experimentId = await experimentWith({ maxRuns: 5, maxMetricStepsPerRun: 100 });
    const runId = await createRun(experimentId);
    await logBatch(runId, { metrics: points("m", 7), params: params("p", 2) });
    const usage = await trpcQuery("quotas.usage", {});
    const row = usage.body.result.data.experiments.find((e: { experimentId: string }) => e.experimentId === experimentId);
    expect(row).toMatchObject({ activeRuns: 1, largestRunParams: 2, largestRunTags: 1, largestRunMetricSteps: 7, artifactBytes: 0 });
    expect(row.limits).toMatchObject({ maxRuns: 5, maxMetricStepsPerRun: 100 });
  });
});
