import { describe, expect, inject, it } from "vitest";
import { createExperiment, createRun, errorOf, get, post, type ApiResponse } from "../../testing/api";
import { API_DOCS_HINT, fetchHistory, fetchRun, OK_EMPTY, reply, sortedData, T0 } from "../../testing/runs";

// Wire compatibility with MLflow's clients (Python, Java, R, the web UI): how requests may be
// spelled, how responses are spelled, and that bad input is a 4xx, never a retried 5xx.

/** A request to any path of the server, not only below /api/2.0/mlflow. */
async function call(method: string, path: string, body?: string, contentType?: string): Promise<ApiResponse> {
  const res = await fetch(`${inject("baseUrl")}${path}`, {
    method,
    body,
    headers: contentType ? { "content-type": contentType } : {},
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, body: json, text, headers: res.headers };
}

const invalid = (message: string) => ({ status: 400, code: "INVALID_PARAMETER_VALUE", message });

describe("request decoding", () => {
  it("reads GET fields from the query string, a repeated key as a list", async () => {
    const exp = await createExperiment();
    const [a, b] = [await createRun(exp), await createRun(exp)];
    await post("runs/log-metric", { run_id: a, key: "loss", value: 1, timestamp: T0, step: 1 });
    await post("runs/log-metric", { run_id: b, key: "loss", value: 2, timestamp: T0, step: 1 });
    const both = await get("metrics/get-history-bulk-interval", { run_ids: [a, b], metric_key: "loss" });
    expect(reply(both)).toEqual({
      status: 200,
      body: {
        metrics: [
          { key: "loss", value: 1, timestamp: T0, step: 1, run_id: a },
          { key: "loss", value: 2, timestamp: T0, step: 1, run_id: b },
        ],
      },
    });
    const one = await get("metrics/get-history-bulk-interval", { run_ids: b, metric_key: "loss" });
    expect(one.body).toEqual({ metrics: [{ key: "loss", value: 2, timestamp: T0, step: 1, run_id: b }] });
  });

  it("accepts the deprecated run_uuid in place of run_id (run_id wins when both are sent)", async () => {
    const runId = await createRun(await createExperiment(), { run_name: "r" });
    expect(reply(await post("runs/log-metric", { run_uuid: runId, key: "m", value: 1, timestamp: T0 }))).toEqual(OK_EMPTY);
    expect(reply(await post("runs/set-tag", { run_id: runId, run_uuid: "f".repeat(32), key: "t", value: "v" }))).toEqual(OK_EMPTY);
    expect((await post("runs/update", { run_uuid: runId, status: "FINISHED" })).body.run_info.status).toBe("FINISHED");
    expect((await get("metrics/get-history", { run_uuid: runId, metric_key: "m" })).body).toEqual({
      metrics: [{ key: "m", value: 1, timestamp: T0, step: 0 }],
    });
    const run = await get("runs/get", { run_uuid: runId });
    expect(run.body.run.info.run_id).toBe(runId);
    expect(sortedData(run).tags).toEqual([
      { key: "mlflow.runName", value: "r" },
      { key: "t", value: "v" },
    ]);
  });

  it("accepts int64 fields as JSON strings (Java client)", async () => {
    const exp = await createExperiment();
    const created = await post("runs/create", { experiment_id: exp, start_time: String(T0) });
    const runId = created.body.run.info.run_id;
    expect(created.body.run.info.start_time).toBe(T0);
    await post("runs/log-metric", { run_id: runId, key: "m", value: 0.5, timestamp: String(T0 + 1), step: "7" });
    const updated = await post("runs/update", { run_id: runId, status: "FINISHED", end_time: String(T0 + 2) });
    expect(updated.body.run_info.end_time).toBe(T0 + 2);
    expect((await fetchHistory(runId, "m")).body).toEqual({ metrics: [{ key: "m", value: 0.5, timestamp: T0 + 1, step: 7 }] });
  });

  it("accepts every value as a string (R client)", async () => {
    const runId = await createRun(await createExperiment());
    const body = { run_id: runId, key: "m", value: "1.5", timestamp: "17", step: "3" };
    expect(reply(await post("runs/log-metric", body))).toEqual(OK_EMPTY);
    expect((await fetchHistory(runId, "m")).body).toEqual({ metrics: [{ key: "m", value: 1.5, timestamp: 17, step: 3 }] });
  });

  it('takes "NaN", "Infinity" and "-Infinity" and gives them back as those strings', async () => {
    const runId = await createRun(await createExperiment());
    await post("runs/log-metric", { run_id: runId, key: "nan", value: "NaN", timestamp: T0 });
    const batch = [
      { key: "inf", value: "Infinity", timestamp: T0 },
      { key: "ninf", value: "-Infinity", timestamp: T0 },
    ];
    expect(reply(await post("runs/log-batch", { run_id: runId, metrics: batch }))).toEqual(OK_EMPTY);
    const run = await fetchRun(runId);
    expect(sortedData(run).metrics).toEqual([
      { key: "inf", value: "Infinity", timestamp: T0, step: 0 },
      { key: "nan", value: "NaN", timestamp: T0, step: 0 },
      { key: "ninf", value: "-Infinity", timestamp: T0, step: 0 },
    ]);
    expect(run.text).toContain('"value":"NaN"');
    for (const [key, value] of [
      ["nan", "NaN"],
      ["inf", "Infinity"],
      ["ninf", "-Infinity"],
    ]) {
      expect((await fetchHistory(runId, key)).body).toEqual({ metrics: [{ key, value, timestamp: T0, step: 0 }] });
    }
  });

  it("gives back params, tags and latest metric values exactly: doubles to the last bit, any characters", async () => {
    const runId = await createRun(await createExperiment());
    const doubles = [0.1 + 0.2, 1e-7, 123456789.12345679, 5e-324, 1.7976931348623157e308, -2.5e-300, 2 ** 53 + 2];
    const texts = ['quote " and \' apostrophe', "back\\slash", "new\nline\ttab", "ünïcødé 😀 中文", "{\"json\": [1]}", "\u0001 control"];
    const metrics = doubles.map((value, i) => ({ key: `d${i}`, value, timestamp: T0 + i, step: 2 ** 40 + i }));
    const params = texts.map((value, i) => ({ key: `p${i}`, value }));
    const tags = texts.map((value, i) => ({ key: `t${i}`, value }));
    expect(reply(await post("runs/log-batch", { run_id: runId, metrics, params, tags }))).toEqual(OK_EMPTY);
    const byKey = <T extends { key: string }>(items: T[]) => [...items].sort((a, b) => (a.key < b.key ? -1 : 1));
    for (const body of [(await fetchRun(runId)).body.run, (await post("runs/search", { experiment_ids: [(await fetchRun(runId)).body.run.info.experiment_id] })).body.runs[0]]) {
      expect(byKey(body.data.metrics)).toEqual(byKey(metrics));
      expect(byKey(body.data.params)).toEqual(byKey(params));
      expect(byKey(body.data.tags).filter((t: { key: string }) => !t.key.startsWith("mlflow."))).toEqual(byKey(tags));
    }
  });

  it("ignores unknown fields, also inside list items", async () => {
    const exp = await createExperiment();
    const res = await post("runs/create", {
      experiment_id: exp,
      run_name: "r",
      future_field: { nested: [1, 2] },
      tags: [{ key: "t", value: "v", since_3_9: true }],
    });
    expect(res.status).toBe(200);
    expect(sortedData(res).tags).toEqual([
      { key: "mlflow.runName", value: "r" },
      { key: "t", value: "v" },
    ]);
  });

  it("decodes a body that is a JSON string holding the JSON object (legacy clients)", async () => {
    const runId = await createRun(await createExperiment(), { run_name: "r" });
    const doubleEncoded = JSON.stringify(JSON.stringify({ run_id: runId, key: "t", value: "v" }));
    expect(reply(await post("runs/set-tag", doubleEncoded))).toEqual(OK_EMPTY);
    expect(sortedData(await fetchRun(runId)).tags).toContainEqual({ key: "t", value: "v" });
  });

  it("treats an empty body as {}", async () => {
    const missingRunId = invalid(`Missing value for required parameter 'run_id'. ${API_DOCS_HINT}`);
    for (const body of ["", "  ", "{}"]) {
      expect(errorOf(await post("runs/log-batch", body)), JSON.stringify(body)).toEqual(missingRunId);
    }
  });

  it("requires Content-Type application/json on POST, parameters after ';' ignored", async () => {
    const runId = await createRun(await createExperiment(), { run_name: "r" });
    const body = JSON.stringify({ run_id: runId, key: "t", value: "v" });
    const plain = await post("runs/set-tag", body, { headers: { "content-type": "text/plain" } });
    expect(errorOf(plain)).toEqual(invalid("Bad Request. Content-Type must be one of [application/json]"));
    expect((await fetchRun(runId)).body.run.data.tags).toEqual([{ key: "mlflow.runName", value: "r" }]);

    const withCharset = await post("runs/set-tag", body, { headers: { "content-type": "application/json; charset=utf-8" } });
    expect(reply(withCharset)).toEqual(OK_EMPTY);
  });

  it("rejects malformed JSON, non-object JSON and absurdly nested JSON with 400", async () => {
    const malformed = await post("runs/log-batch", '{"run_id": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error_code).toBe("INVALID_PARAMETER_VALUE");
    expect(malformed.body.message).toMatch(/^Malformed JSON in request body: /); // the rest is the JSON parser's

    expect(errorOf(await post("runs/log-batch", "[1, 2]"))).toEqual(invalid("Invalid request body: expected a JSON object"));
    // Deep enough to overflow a recursive walk of the body if it were not refused up front.
    const deep = `{"run_id":"x","tags":${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    expect(errorOf(await post("runs/log-batch", deep))).toEqual(invalid("Invalid request body: JSON nested deeper than 32 levels"));
  });
});

describe("routing", () => {
  it.each([
    ["GET", "/api/2.0/mlflow/nope"],
    ["POST", "/api/2.0/mlflow/nope"],
    ["GET", "/api/2.0/other"],
    ["GET", "/ajax-api/2.0/mlflow/nope"],
    ["POST", "/ajax-api/2.0/other"],
  ])("answers %s %s with a JSON 404 ENDPOINT_NOT_FOUND", async (method, path) => {
    const res = await call(method, path, method === "POST" ? "{}" : undefined, method === "POST" ? "application/json" : undefined);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(errorOf(res)).toEqual({
      status: 404,
      code: "ENDPOINT_NOT_FOUND",
      message: `No API endpoint found for ${method} ${path}`,
    });
  });

  it.each([
    ["GET", "runs/create", "POST"],
    ["POST", "runs/get", "GET"],
    ["DELETE", "runs/update", "POST"],
  ])("answers %s %s with 405", async (method, path, allowed) => {
    const res = await call(method, `/api/2.0/mlflow/${path}`, method === "GET" ? undefined : "{}", "application/json");
    expect(errorOf(res)).toEqual({
      status: 405,
      code: "ENDPOINT_NOT_FOUND",
      message: `Method ${method} is not allowed for ${path}; use ${allowed}.`,
    });
  });

  it("serves the same API under /ajax-api/2.0/mlflow", async () => {
    const exp = await createExperiment();
    const created = await call("POST", "/ajax-api/2.0/mlflow/runs/create", JSON.stringify({ experiment_id: exp }), "application/json");
    expect(created.status).toBe(200);
    const runId = created.body.run.info.run_id;
    const viaAjax = await call("GET", `/ajax-api/2.0/mlflow/runs/get?run_id=${runId}`);
    expect(reply(viaAjax)).toEqual(reply(await fetchRun(runId)));
    expect(viaAjax.body).toEqual(created.body);
  });
});

describe("response encoding", () => {
  it("omits unset fields and empty lists", async () => {
    const exp = await createExperiment();
    const runId = await createRun(exp, { run_name: "r", start_time: T0 });
    const run = await fetchRun(runId);
    expect(run.headers.get("content-type")).toMatch(/^application\/json/);
    expect(Object.keys(run.body.run.info)).not.toContain("end_time"); // still running
    expect(run.body.run.data).toEqual({ tags: [{ key: "mlflow.runName", value: "r" }] }); // no params: [], metrics: []
    expect(run.body.run.inputs).toEqual({});
    expect(run.body.run.outputs).toEqual({});
    expect((await fetchHistory(runId, "never-logged")).text).toBe("{}");
    expect((await post("runs/search", { experiment_ids: [exp], filter: "attributes.run_name = 'nope'" })).text).toBe("{}");
  });

  it("emits int64 fields as JSON numbers", async () => {
    const runId = await createRun(await createExperiment(), { start_time: T0 });
    await post("runs/log-metric", { run_id: runId, key: "m", value: 2, timestamp: T0 + 1, step: 5 });
    await post("runs/update", { run_id: runId, end_time: T0 + 9 });
    const run = await fetchRun(runId);
    expect(run.text).toContain(`"start_time":${T0},`);
    expect(run.text).toContain(`"end_time":${T0 + 9},`);
    expect(run.text).toContain(`"timestamp":${T0 + 1},"step":5`);
    // The double field `value` with its fraction, as MLflow writes it (see wire-doubles.int.test.ts).
    expect((await fetchHistory(runId, "m")).text).toBe(`{"metrics":[{"key":"m","value":2.0,"timestamp":${T0 + 1},"step":5}]}`);
  });
});

describe("bad input never answers 5xx", () => {
  const long = (n: number) => "x".repeat(n);
  // Error messages quote the offending value as JSON, cut after 200 characters.
  const tooBig = (field: string, n: number, max: number) => {
    const shown = n > 198 ? `"${long(199)}…` : `"${long(n)}"`;
    return `Invalid value ${shown} for parameter '${field}' supplied: Too big: expected string to have <=${max} characters. ${API_DOCS_HINT}`;
  };
  // A NUL character cannot be stored by PostgreSQL; the database's refusal is the client's error.
  const nul = "Invalid parameter value: invalid byte sequence for encoding \"UTF8\": 0x00.";

  it("answers 400 INVALID_PARAMETER_VALUE with a precise message", async () => {
    const exp = await createExperiment();
    const runId = await createRun(exp);
    const cases: [string, Record<string, unknown>, string][] = [
      ["runs/set-tag", { run_id: runId, key: "t", value: "a\u0000b" }, nul],
      ["runs/log-parameter", { run_id: runId, key: "p", value: "a\u0000b" }, nul],
      ["runs/create", { experiment_id: exp, run_name: "a\u0000b" }, nul],
      ["runs/create", { experiment_id: exp, user_id: long(257) }, tooBig("user_id", 257, 256)],
      ["runs/log-metric", { run_id: runId, key: "m", value: 1, timestamp: 1, dataset_name: long(501) }, tooBig("dataset_name", 501, 500)],
      ["runs/log-metric", { run_id: runId, key: "m", value: 1, timestamp: 1, dataset_digest: long(37) }, tooBig("dataset_digest", 37, 36)],
      ["runs/log-metric", { run_id: runId, key: "m", value: 1, timestamp: 1, model_id: long(65) }, tooBig("model_id", 65, 64)],
      [
        "runs/log-metric",
        { run_id: runId, key: "m", value: 1, timestamp: 1e20 },
        `Invalid value 100000000000000000000 for parameter 'timestamp' supplied: integer out of range. ${API_DOCS_HINT}`,
      ],
      [
        "runs/log-metric",
        { run_id: runId, key: "m", value: 1, timestamp: -1 },
        `Invalid value -1 for parameter 'timestamp' supplied: must be non-negative. ${API_DOCS_HINT}`,
      ],
      ["runs/log-batch", { run_id: runId, metrics: [null] }, `Missing value for required parameter 'metrics[0]'. ${API_DOCS_HINT}`],
      [
        "runs/log-batch",
        { run_id: runId, tags: "t" },
        `Invalid value "t" for parameter 'tags' supplied: Invalid input: expected array, received string. ${API_DOCS_HINT}`,
      ],
      [
        "runs/log-batch",
        { run_id: 42 },
        `Invalid value 42 for parameter 'run_id' supplied: Invalid input: expected string, received number. ${API_DOCS_HINT}`,
      ],
      ["runs/create", { experiment_id: exp, tags: [{ value: "v" }] }, `Missing value for required parameter 'tags[0].key'. ${API_DOCS_HINT}`],
    ];
    for (const [path, body, message] of cases) {
      expect(errorOf(await post(path, body)), `${path} ${JSON.stringify(body).slice(0, 120)}`).toEqual(invalid(message));
    }
    // None of the refused writes landed.
    expect((await post("runs/search", { experiment_ids: [exp] })).body.runs).toHaveLength(1);
    expect(sortedData(await fetchRun(runId))).toEqual({ tags: [{ key: "mlflow.runName", value: expect.any(String) }] });
  });
});
