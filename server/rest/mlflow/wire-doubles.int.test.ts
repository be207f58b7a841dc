import { beforeAll, describe, expect, inject, it } from "vitest";
import { createExperiment, createRun, post, uniqueName } from "../../testing/api";
import { rawRequest } from "../../testing/artifacts";

// MLflow writes every proto double with Python's float repr, so a metric logged as 3 reads back 3.0 and
// typed readers (R, JVM) see a double. Each row: what a client sends (numbers, "-0.0", strings) → the
// exact text MLflow answers (checked against Python's repr()).
const DOUBLES: [sent: string, mlflowWrites: string][] = [
  ["3", "3.0"],
  ["-2", "-2.0"],
  ["0", "0.0"],
  ["-0.0", "-0.0"],
  ["0.1", "0.1"],
  ["0.30000000000000004", "0.30000000000000004"],
  ["1e20", "1e+20"],
  ["1e-7", "1e-07"],
  ["0.0001", "0.0001"],
  ["0.00001", "1e-05"],
  ["1.5e300", "1.5e+300"],
  ["1e15", "1000000000000000.0"],
  ["1234567890123456.5", "1234567890123456.5"],
  ["-1.2345678901234568e15", "-1234567890123456.8"],
  ["18133685660161632", "1.813368566016163e+16"],
  ["1e16", "1e+16"],
  ["123456789.123", "123456789.123"],
  ["5e-324", "5e-324"],
  ["1.7976931348623157e308", "1.7976931348623157e+308"],
  ['"NaN"', '"NaN"'],
  ['"Infinity"', '"Infinity"'],
  ['"-Infinity"', '"-Infinity"'],
];

/** The raw text of every `"value":…` after `"key":"<key>"` in a JSON reply, in order. */
function valuesOf(text: string, key: string): string[] {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return [...text.matchAll(new RegExp(`"key":"${escaped}","value":([^,}]+)`, "g"))].map((m) => m[1]);
}

describe("doubles on the wire, as MLflow's server writes them", () => {
  const baseUrl = () => inject("baseUrl");
  let experimentId: string;
  let runId: string;
  let modelId: string;
  const expected = DOUBLES.map(([, text]) => text);

  // The exact text on the wire (Next's route files answer the same: server/rest/both-doors.int.test.ts).
  const both = async (method: string, path: string, body?: unknown) => {
    const res = await rawRequest(baseUrl(), method, `/api/2.0/mlflow/${path}`, {
      headers: body === undefined ? {} : { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(res.status, res.text).toBe(200);
    return res.text;
  };

  beforeAll(async () => {
    experimentId = await createExperiment(uniqueName("doubles"));
    runId = await createRun(experimentId);
    const model = await post("logged-models", { experiment_id: experimentId, name: "m", source_run_id: runId });
    modelId = model.body.model.info.model_id;
    // Sent as raw JSON text so that "-0.0" and 1e20 reach the server exactly as a client writes them.
    const metrics = DOUBLES.map(([sent], i) => `{"key":"series","value":${sent},"timestamp":${1000 + i},"step":${i},"model_id":"${modelId}"}`);
    const single = DOUBLES.map(([sent], i) => `{"key":"v${String(i).padStart(2, "0")}","value":${sent},"timestamp":5,"step":0}`);
    const res = await post("runs/log-batch", `{"run_id":"${runId}","metrics":[${[...metrics, ...single].join(",")}]}`);
    expect(res.status, res.text).toBe(200);
  });

  it("runs/get and runs/search (database-written JSON) write each latest value as MLflow does", async () => {
    const latest = (text: string) => DOUBLES.map((_, i) => valuesOf(text, `v${String(i).padStart(2, "0")}`)[0]);
    expect(latest(await both("GET", `runs/get?run_id=${runId}`))).toEqual(expected);
    expect(latest(await both("POST", "runs/search", { experiment_ids: [experimentId] }))).toEqual(expected);
    // The latest point of the series (the highest step) too.
    expect(valuesOf(await both("GET", `runs/get?run_id=${runId}`), "series")).toEqual([expected[expected.length - 1]]);
  });

  it("metrics/get-history and get-history-bulk-interval write every point as MLflow does", async () => {
    expect(valuesOf(await both("GET", `metrics/get-history?run_id=${runId}&metric_key=series`), "series")).toEqual(expected);
    const bulk = await both("GET", `metrics/get-history-bulk-interval?run_ids=${runId}&metric_key=series&max_results=100`);
    expect(valuesOf(bulk, "series")).toEqual(expected);
  });

  it("logged models' metrics (get and search) are doubles too, while int64 fields stay integers", async () => {
    const got = await both("GET", `logged-models/${modelId}`);
    expect(valuesOf(got, "series").sort()).toEqual([...expected].sort());
    const found = await both("POST", "logged-models/search", { experiment_ids: [experimentId] });
    expect(valuesOf(found, "series").sort()).toEqual([...expected].sort());
    expect(got).toMatch(/"timestamp":1000,"step":0[,}]/);
    expect(got).toMatch(/"creation_timestamp_ms":\d+,/);
  });

  it("answers a metric logged as R's client logs it (every field a string) with a double", async () => {
    const res = await post("runs/log-metric", `{"run_id":"${runId}","key":"from-r","value":"3","timestamp":"1700000000000","step":"0"}`);
    expect([res.status, res.text]).toEqual([200, "{}"]);
    expect(valuesOf(await both("GET", `metrics/get-history?run_id=${runId}&metric_key=from-r`), "from-r")).toEqual(["3.0"]);
  });

  it("leaves doubles inside strings alone: a tag whose value looks like a number stays a string", async () => {
    expect((await post("runs/set-tag", { run_id: runId, key: "value", value: "3" })).status).toBe(200);
    const text = await both("GET", `runs/get?run_id=${runId}`);
    expect(text).toContain('{"key":"value","value":"3"}');
  });
});
