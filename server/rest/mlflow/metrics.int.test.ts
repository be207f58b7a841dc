import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createExperiment, createRun, get, post, uniqueName } from "../../testing/api";
import { formatDouble } from "../http/json-double";

interface Point {
  key: string;
  value: number | string;
  timestamp: number;
  step: number;
}

async function logBatch(runId: string, metrics: Point[]): Promise<void> {
  const res = await post("runs/log-batch", { run_id: runId, metrics });
  expect(res.status, res.text).toBe(200);
}

const missing = (field: string) => ({
  error_code: "INVALID_PARAMETER_VALUE",
  message: `Missing value for required parameter '${field}'. See the API docs for more information about request parameters.`,
});
const invalid = (message: string) => ({ error_code: "INVALID_PARAMETER_VALUE", message });
const runNotFound = (runId: string) => ({ error_code: "RESOURCE_DOES_NOT_EXIST", message: `Run with id=${runId} not found` });
const unknownRunId = () => randomUUID().replaceAll("-", "");

describe("GET metrics/get-history", () => {
  let runId: string;
  // Logged out of order; the history comes back ordered by timestamp, then step, then value.
  const logged: Point[] = [
    { key: "loss", value: 3, timestamp: 100, step: 2 },
    { key: "loss", value: 2, timestamp: 100, step: 1 },
    { key: "loss", value: 1, timestamp: 100, step: 1 },
    { key: "loss", value: 5, timestamp: 50, step: 9 },
    { key: "loss", value: 0.5, timestamp: 200, step: 0 },
    { key: "other", value: 7, timestamp: 1, step: 0 },
  ];
  const history = [
    { key: "loss", value: 5, timestamp: 50, step: 9 },
    { key: "loss", value: 1, timestamp: 100, step: 1 },
    { key: "loss", value: 2, timestamp: 100, step: 1 },
    { key: "loss", value: 3, timestamp: 100, step: 2 },
    { key: "loss", value: 0.5, timestamp: 200, step: 0 },
  ];

  beforeAll(async () => {
    runId = await createRun(await createExperiment(uniqueName("history")));
    await logBatch(runId, logged);
  });

  it("returns the whole history in (timestamp, step, value) order without max_results", async () => {
    const res = await get("metrics/get-history", { run_id: runId, metric_key: "loss" });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ metrics: history });
  });

  it("accepts the deprecated run_uuid instead of run_id", async () => {
    const res = await get("metrics/get-history", { run_uuid: runId, metric_key: "loss" });
    expect(res.body).toEqual({ metrics: history });
  });

  it("pages with max_results and page_token until a page comes without next_page_token", async () => {
    const pages: unknown[] = [];
    let token: string | undefined;
    do {
      const res = await get("metrics/get-history", { run_id: runId, metric_key: "loss", max_results: 2, ...(token && { page_token: token }) });
      expect(res.status, res.text).toBe(200);
      pages.push(res.body.metrics);
      token = res.body.next_page_token;
      if (token !== undefined) expect(token).toEqual(expect.any(String));
    } while (token && pages.length < 10);
    expect(pages).toEqual([history.slice(0, 2), history.slice(2, 4), history.slice(4)]);
  });

  it("returns no next_page_token when max_results covers the rest exactly", async () => {
    const res = await get("metrics/get-history", { run_id: runId, metric_key: "loss", max_results: 5 });
    expect(res.body).toEqual({ metrics: history });
    const first = await get("metrics/get-history", { run_id: runId, metric_key: "loss", max_results: 4 });
    const last = await get("metrics/get-history", { run_id: runId, metric_key: "loss", max_results: 1, page_token: first.body.next_page_token });
    expect(last.body).toEqual({ metrics: history.slice(4) });
  });

  it("round-trips NaN and keeps a replayed identical point once", async () => {
    const nanRun = await createRun(await createExperiment(uniqueName("history-nan")));
    expect((await post("runs/log-metric", { run_id: nanRun, key: "m", value: "NaN", timestamp: 1, step: 0 })).status).toBe(200);
    await logBatch(nanRun, [{ key: "m", value: "NaN", timestamp: 2, step: 1 }, { key: "m", value: 1.5, timestamp: 3, step: 2 }]);
    await logBatch(nanRun, [{ key: "m", value: 1.5, timestamp: 3, step: 2 }]);
    const res = await get("metrics/get-history", { run_id: nanRun, metric_key: "m" });
    expect(res.text).toBe(
      '{"metrics":[{"key":"m","value":"NaN","timestamp":1,"step":0},{"key":"m","value":"NaN","timestamp":2,"step":1},{"key":"m","value":1.5,"timestamp":3,"step":2}]}',
    );
  });

  it("round-trips model_id, dataset_name and dataset_digest, whatever characters they hold", async () => {
    const run = await createRun(await createExperiment(uniqueName("linked")));
    const point = { key: "acc", value: 0.5, timestamp: 7, step: 1, model_id: "m-abc", dataset_name: 'eval, "hard" {v2} \\ set', dataset_digest: "d1" };
    expect((await post("runs/log-batch", { run_id: run, metrics: [point, { key: "acc", value: 0.6, timestamp: 8, step: 2 }] })).status).toBe(200);
    const res = await get("metrics/get-history", { run_id: run, metric_key: "acc" });
    expect(res.body).toEqual({ metrics: [point, { key: "acc", value: 0.6, timestamp: 8, step: 2 }] });
  });

  it("writes the extreme doubles and int64s exactly as logged, page by page too (points travel packed from the database)", async () => {
    const run = await createRun(await createExperiment(uniqueName("history-extremes")));
    const maxSafe = Number.MAX_SAFE_INTEGER;
    const sent = [
      { key: "x", value: "NaN", timestamp: 0, step: -maxSafe },
      { key: "x", value: "-Infinity", timestamp: 1, step: maxSafe },
      { key: "x", value: "Infinity", timestamp: 2, step: -1 },
      { key: "x", value: "-0.0", timestamp: 3, step: 0 }, // a string: JSON.stringify(-0) is "0"
      { key: "x", value: 5e-324, timestamp: 4, step: 2 ** 32 },
      { key: "x", value: 1.7976931348623157e308, timestamp: maxSafe, step: -(2 ** 32) },
    ];
    await logBatch(run, sent);
    const expected =
      '{"key":"x","value":"NaN","timestamp":0,"step":-9007199254740991},{"key":"x","value":"-Infinity","timestamp":1,"step":9007199254740991},' +
      '{"key":"x","value":"Infinity","timestamp":2,"step":-1},{"key":"x","value":-0.0,"timestamp":3,"step":0},' +
      '{"key":"x","value":5e-324,"timestamp":4,"step":4294967296},{"key":"x","value":1.7976931348623157e+308,"timestamp":9007199254740991,"step":-4294967296}';
    expect((await get("metrics/get-history", { run_id: run, metric_key: "x" })).text).toBe(`{"metrics":[${expected}]}`);
    const first = await get("metrics/get-history", { run_id: run, metric_key: "x", max_results: 4 });
    const rest = await get("metrics/get-history", { run_id: run, metric_key: "x", max_results: 4, page_token: first.body.next_page_token });
    const points = expected.split(/,(?=\{)/);
    expect(first.text).toBe(`{"metrics":[${points.slice(0, 4).join(",")}],"next_page_token":${JSON.stringify(first.body.next_page_token)}}`);
    expect(rest.text).toBe(`{"metrics":[${points.slice(4).join(",")}]}`);
  });

  it("spells 3,000 random doubles of every magnitude exactly as formatDouble (MLflow's spelling) does", async () => {
    const run = await createRun(await createExperiment(uniqueName("history-random")));
    const bits = Buffer.alloc(8);
    const randomDouble = (i: number): number => {
      if (i % 3 === 0) return Math.round(Math.random() * 10 ** (Math.random() * 22)) * (Math.random() < 0.5 ? -1 : 1);
      if (i % 3 === 1) return Math.random() * 10 ** (Math.random() * 44 - 22);
      bits.writeUInt32BE((Math.random() * 2 ** 32) >>> 0, 0);
      bits.writeUInt32BE((Math.random() * 2 ** 32) >>> 0, 4);
      return Number.isFinite(bits.readDoubleBE(0)) ? bits.readDoubleBE(0) : 1;
    };
    // -0 would travel as 0 (JSON.stringify); the extremes test sends it as a string.
    const values = Array.from({ length: 3000 }, (_, i) => randomDouble(i) || 0);
    for (let start = 0; start < values.length; start += 1000) {
      await logBatch(run, values.slice(start, start + 1000).map((value, i) => ({ key: "r", value, timestamp: start + i, step: start + i })));
    }
    const text = (await get("metrics/get-history", { run_id: run, metric_key: "r" })).text;
    const written = [...text.matchAll(/"value":([^,]+),/g)].map((m) => m[1]);
    expect(written).toEqual(values.map((value) => formatDouble(value)));
  });

  it("keeps model and dataset fields on their own points among plain ones, on a page and across pages", async () => {
    const run = await createRun(await createExperiment(uniqueName("history-extras")));
    const linked = { model_id: "m-1", dataset_name: "é \"n\"\t", dataset_digest: "d" };
    const points = [
      { key: "k", value: 1, timestamp: 5, step: 1 },
      { key: "k", value: 2, timestamp: 5, step: 1, ...linked },
      { key: "k", value: 3, timestamp: 5, step: 1 },
      { key: "k", value: "NaN", timestamp: 6, step: 0, model_id: "m-2" },
      { key: "k", value: 0, timestamp: 6, step: 0 },
    ];
    await logBatch(run, points);
    // NaN is stored as 0 beside a real 0 at the same (timestamp, step): either may come first.
    const sortNanLast = (list: { value: unknown }[]) => [...list.filter((p) => p.value !== "NaN"), ...list.filter((p) => p.value === "NaN")];
    expect(sortNanLast((await get("metrics/get-history", { run_id: run, metric_key: "k" })).body.metrics)).toEqual([...points.slice(0, 3), points[4], points[3]]);
    const pages = [];
    let token: string | undefined;
    do {
      const res = await get("metrics/get-history", { run_id: run, metric_key: "k", max_results: 3, ...(token && { page_token: token }) });
      pages.push(...res.body.metrics);
      token = res.body.next_page_token;
    } while (token);
    expect(sortNanLast(pages)).toEqual([...points.slice(0, 3), points[4], points[3]]);
  });

  it("answers {} for a metric key the run never logged", async () => {
    for (const query of [{}, { max_results: 10 }] as Record<string, number>[]) {
      const res = await get("metrics/get-history", { run_id: runId, metric_key: "never-logged", ...query });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({});
    }
  });

  it("rejects an unknown run, a missing key or run_id, a bad max_results and a forged page token", async () => {
    const unknown = unknownRunId();
    const cases: [Record<string, string | number>, number, unknown][] = [
      [{ run_id: unknown, metric_key: "loss" }, 404, runNotFound(unknown)],
      [{ run_id: runId }, 400, missing("metric_key")],
      [{ run_id: runId, metric_key: "" }, 400, missing("metric_key")],
      [{ metric_key: "loss" }, 400, missing("run_id")],
      [
        { run_id: runId, metric_key: "loss", max_results: 0 },
        400,
        invalid("Invalid value 0 for parameter 'max_results' supplied: must be at least 1. See the API docs for more information about request parameters."),
      ],
      [
        { run_id: runId, metric_key: "loss", page_token: "bogus" },
        400,
        invalid("Invalid page token 'bogus'. Page tokens must come from a previous response."),
      ],
    ];
    for (const [query, status, body] of cases) {
      const res = await get("metrics/get-history", query);
      expect({ query, status: res.status, body: res.body }).toEqual({ query, status, body });
    }
  });
});

describe("GET metrics/get-history-bulk-interval", () => {
  let runA: string;
  let runB: string;
  let runC: string;
  let runEmpty: string;
  const steps = Array.from({ length: 100 }, (_, i) => i);
  const pointA = (step: number) => ({ key: "acc", value: step / 100, timestamp: 1000 + step, step });
  const pointB = (step: number) => ({ key: "acc", value: 100 - step, timestamp: 5000 + step, step });
  const withRun = (runId: string, point: Point) => ({ ...point, run_id: runId });

  beforeAll(async () => {
    const experimentId = await createExperiment(uniqueName("bulk"));
    [runA, runB, runC, runEmpty] = await Promise.all([1, 2, 3, 4].map(() => createRun(experimentId)));
    // Logged newest step first: the answer is ordered by step whatever the logging order.
    await logBatch(runA, [...steps].reverse().map(pointA));
    await logBatch(runB, steps.map(pointB));
    // Two points at step 5 (a re-logged step) and a NaN.
    await logBatch(runC, [
      { key: "acc", value: 3, timestamp: 30, step: 10 },
      { key: "acc", value: 2, timestamp: 21, step: 5 },
      { key: "acc", value: 1, timestamp: 20, step: 5 },
      { key: "acc", value: "NaN", timestamp: 10, step: 0 },
    ]);
    await logBatch(runEmpty, [{ key: "other", value: 1, timestamp: 1, step: 0 }]);
  });

  const bulk = (query: Record<string, string | number | (string | number)[]>) => get("metrics/get-history-bulk-interval", { metric_key: "acc", ...query });

  it("returns every point of several runs, run by run in request order, each carrying its run_id", async () => {
    const res = await bulk({ run_ids: [runB, runA, runEmpty] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ metrics: [...steps.map((s) => withRun(runB, pointB(s))), ...steps.map((s) => withRun(runA, pointA(s)))] });
  });

  it("orders a run's points by step then timestamp, and keeps NaN as \"NaN\"", async () => {
    const res = await bulk({ run_ids: runC });
    expect(res.body).toEqual({
      metrics: [
        { key: "acc", value: "NaN", timestamp: 10, step: 0, run_id: runC },
        { key: "acc", value: 1, timestamp: 20, step: 5, run_id: runC },
        { key: "acc", value: 2, timestamp: 21, step: 5, run_id: runC },
        { key: "acc", value: 3, timestamp: 30, step: 10, run_id: runC },
      ],
    });
  });

  it("thins to max_results real points per run: first, last, and each step bucket's lowest and highest", async () => {
    // 10 points allow 4 buckets; 99 steps in 4 buckets of 33: [0, 32] [33, 65] [66, 98] [99].
    const res = await bulk({ run_ids: [runA, runB], max_results: 10 });
    const sampled = [0, 32, 33, 65, 66, 98, 99];
    expect(res.body).toEqual({ metrics: [...sampled.map((s) => withRun(runA, pointA(s))), ...sampled.map((s) => withRun(runB, pointB(s)))] });
  });

  it("restricts the steps to [start_step, end_step] and samples inside that window", async () => {
    const window = await bulk({ run_ids: runA, start_step: 10, end_step: 30 });
    expect(window.body).toEqual({ metrics: steps.slice(10, 31).map((s) => withRun(runA, pointA(s))) });

    // 5 points allow one bucket: its first, last, lowest and highest points are steps 10 and 30 for both runs.
    const sampled = await bulk({ run_ids: [runA, runB], start_step: 10, end_step: 30, max_results: 5 });
    const picked = [10, 30];
    expect(sampled.body).toEqual({ metrics: [...picked.map((s) => withRun(runA, pointA(s))), ...picked.map((s) => withRun(runB, pointB(s)))] });

    const single = await bulk({ run_ids: runA, start_step: 42, end_step: 42 });
    expect(single.body).toEqual({ metrics: [withRun(runA, pointA(42))] });
    const empty = await bulk({ run_ids: runA, start_step: 500, end_step: 600 });
    expect(empty.body).toEqual({});
  });

  it("bounds the rows per run even when every point shares one step", async () => {
    const experimentId = await createExperiment(uniqueName("bulk-step0"));
    const runId = await createRun(experimentId);
    const points = Array.from({ length: 30 }, (_, i) => ({ key: "acc", value: i, timestamp: 100 + i, step: 0 }));
    await logBatch(runId, points);
    const res = await bulk({ run_ids: runId, max_results: 10 });
    expect(res.body).toEqual({ metrics: [points[0], points[29]].map((p) => withRun(runId, p)) });
  });

  it("never samples a spike away: every one-point spike and dip of a long history survives", async () => {
    const runId = await createRun(await createExperiment(uniqueName("bulk-spikes")));
    const value = (step: number) => (step % 1000 === 537 ? 1000 : step % 1000 === 811 ? -1000 : Math.sin(step / 50));
    const points = Array.from({ length: 20_000 }, (_, step) => ({ key: "acc", value: value(step), timestamp: 7000 + step, step }));
    for (let i = 0; i < points.length; i += 1000) await logBatch(runId, points.slice(i, i + 1000));

    for (const maxResults of [100, 320]) {
      const res = await bulk({ run_ids: runId, max_results: maxResults });
      const metrics: Point[] = res.body.metrics;
      expect(metrics.length).toBeLessThanOrEqual(maxResults);
      expect(metrics[0]).toEqual(withRun(runId, points[0]));
      expect(metrics.at(-1)).toEqual(withRun(runId, points[19_999]));
      expect(metrics.filter((m) => m.value === 1000).map((m) => m.step)).toEqual(Array.from({ length: 20 }, (_, k) => k * 1000 + 537));
      expect(metrics.filter((m) => m.value === -1000).map((m) => m.step)).toEqual(Array.from({ length: 20 }, (_, k) => k * 1000 + 811));
      // Real logged points, in step order.
      expect(metrics.every((m) => m.value === value(m.step) && m.timestamp === 7000 + m.step)).toBe(true);
      expect(metrics.map((m) => m.step)).toEqual([...metrics.map((m) => m.step)].sort((a, b) => a - b));
    }
  });

  it("answers {} when no run has the metric", async () => {
    const res = await bulk({ run_ids: runEmpty });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({});
  });

  it("rejects bad run_ids, metric_key, step windows and max_results", async () => {
    const tooMany = Array.from({ length: 101 }, unknownRunId);
    const unknown = unknownRunId();
    const cases: [Record<string, string | number | string[]>, number, unknown][] = [
      [{}, 400, missing("run_ids")],
      [{ run_ids: tooMany }, 400, invalid("GetMetricHistoryBulkInterval request cannot specify more than 100 run_ids. Received 101 run_ids.")],
      [{ run_ids: runA, start_step: 5 }, 400, invalid("If either start_step or end_step is specified, both must be specified.")],
      [{ run_ids: runA, end_step: 5 }, 400, invalid("If either start_step or end_step is specified, both must be specified.")],
      [{ run_ids: runA, start_step: 5, end_step: 4 }, 400, invalid("end_step (4) must be greater than or equal to start_step (5).")],
      [{ run_ids: runA, max_results: 0 }, 400, invalid("max_results must be between 1 and 2500. Received 0.")],
      [{ run_ids: runA, max_results: 2501 }, 400, invalid("max_results must be between 1 and 2500. Received 2501.")],
      [{ run_ids: [runA, unknown] }, 404, runNotFound(unknown)],
    ];
    for (const [query, status, body] of cases) {
      const res = await bulk(query);
      expect({ query, status: res.status, body: res.body }).toEqual({ query, status, body });
    }
    const noKey = await get("metrics/get-history-bulk-interval", { run_ids: runA });
    expect({ status: noKey.status, body: noKey.body }).toEqual({ status: 400, body: missing("metric_key") });
  });
});
