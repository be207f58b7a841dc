import { afterAll, describe, expect, inject, it } from "vitest";
import { createExperiment, createRun, get, ok, post, uniqueName } from "../../testing/api";
import { dropDatabase, recreateDatabase, startTestServer, testDatabaseUrl, type TestServer } from "../../testing/test-server";

// runs/search writes each run's data as JSON text built by the database (run-data-json.ts);
// runs/get builds the same data as values and serializes it in JavaScript. Both must answer the
// same JSON for awkward keys, values and numbers.

// Keys MLflow accepts (letters of any script, digits, _ - . space : /), which sort differently by
// UTF-8 bytes than by a locale: "B" < "a" < "a b" < "a.b" < "é" < "日本".
const KEYS = ["b", "a", "B", "a.b", "a b", "é", "日本", "10", "9", "with/slash", "dash-ed", "co:lon", "Z_z"];
const VALUES = ['quote " and \\ backslash', "line\nbreak\ttab\r", "\u0001\u001f\u007f control", "</script><b>", "ünïcödé 🙂", "", "x".repeat(6000)];
const NUMBERS: (number | string)[] = [0, 1, -1.5, 0.1 + 0.2, 1e-5, 1.234e-7, 1e15, 1e21, 123456789.123, Number.MAX_VALUE, 5e-324, "NaN", "Infinity", "-Infinity"];

describe("runs/search data as database-written JSON", () => {
  it("answers the same params, tags and metrics as runs/get, value for value and in the same order", async () => {
    const experimentId = await createExperiment(uniqueName("search-json"));
    const runId = await createRun(experimentId, { run_name: "awkward" });
    await ok(
      post("runs/log-batch", {
        run_id: runId,
        params: KEYS.map((key, i) => ({ key: `p ${key}`, value: VALUES[i % VALUES.length] })),
        tags: KEYS.map((key, i) => ({ key: `t ${key}`, value: VALUES[(i + 3) % VALUES.length] })),
        metrics: NUMBERS.map((value, i) => ({ key: `m${i} ${KEYS[i % KEYS.length]}`, value, timestamp: 1_700_000_000_000 + i, step: i * 1000 })),
      }),
    );
    const fromGet = (await ok(get("runs/get", { run_id: runId }))).body.run;
    const fromSearch = (await ok(post("runs/search", { experiment_ids: [experimentId] }))).body.runs;
    expect(fromSearch).toEqual([fromGet]);
    // And what was logged came back: every value, including the non-finite ones as MLflow spells them.
    const metrics = Object.fromEntries(fromSearch[0].data.metrics.map((m: { key: string; value: unknown }) => [m.key, m.value]));
    NUMBERS.forEach((value, i) => expect(metrics[`m${i} ${KEYS[i % KEYS.length]}`]).toBe(value));
    const keys = fromSearch[0].data.params.map((p: { key: string }) => p.key);
    expect(keys).toEqual([...keys].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
    expect(fromSearch[0].data.tags.find((t: { key: string }) => t.key === "t a").value).toBe(VALUES[4]);
  });

  it("leaves out empty lists exactly as runs/get does, down to data: {}", async () => {
    const experimentId = await createExperiment(uniqueName("search-json-empty"));
    const bare = await createRun(experimentId, { run_name: "bare", start_time: 3 });
    const paramsOnly = await createRun(experimentId, { run_name: "params-only", start_time: 2 });
    const metricsOnly = await createRun(experimentId, { run_name: "metrics-only", start_time: 1 });
    await ok(post("runs/log-parameter", { run_id: paramsOnly, key: "k", value: "v" }));
    await ok(post("runs/log-metric", { run_id: metricsOnly, key: "m", value: 2, timestamp: 5, step: 0 }));
    // The run name lives in a tag, so no run is entirely without data; remove it from one.
    await ok(post("runs/delete-tag", { run_id: bare, key: "mlflow.runName" }));

    const runs = (await ok(post("runs/search", { experiment_ids: [experimentId] }))).body.runs;
    for (const [index, runId] of [bare, paramsOnly, metricsOnly].entries()) {
      expect(runs[index]).toEqual((await ok(get("runs/get", { run_id: runId }))).body.run);
    }
    expect(runs[0].data).toEqual({});
    expect(Object.keys(runs[1].data)).toEqual(["params", "tags"]);
    expect(runs[2].data.metrics).toEqual([{ key: "m", value: 2, timestamp: 5, step: 0 }]);
  });

  it("pages over 200 runs (one statement per kind) answer the same data as small pages (one statement)", async () => {
    const experimentId = await createExperiment(uniqueName("search-json-large"));
    const runIds = await Promise.all(
      Array.from({ length: 205 }, async (_, i) => {
        const runId = await createRun(experimentId, { run_name: `r${i}`, start_time: i });
        await ok(post("runs/log-batch", { run_id: runId, params: [{ key: "i", value: String(i) }], metrics: [{ key: "m", value: i / 4, timestamp: i, step: i }] }));
        return runId;
      }),
    );
    const large = (await ok(post("runs/search", { experiment_ids: [experimentId], max_results: 1000 }))).body;
    expect(large.runs).toHaveLength(205);
    const small: unknown[] = [];
    let token: string | undefined;
    do {
      const page = (await ok(post("runs/search", { experiment_ids: [experimentId], max_results: 50, page_token: token }))).body;
      small.push(...page.runs);
      token = page.next_page_token;
    } while (token);
    expect(small).toEqual(large.runs);
    // Newest first: run r204 leads, with its own values.
    expect(large.runs[0].data.params).toEqual([{ key: "i", value: "204" }]);
    expect(large.runs[0].data.metrics).toEqual([{ key: "m", value: 51, timestamp: 204, step: 204 }]);
    expect(large.runs.at(-1).info.run_id).toBe(runIds[0]);
  });

  it("a value that looks like the splicing marker is sent as the plain string it is", async () => {
    const experimentId = await createExperiment(uniqueName("search-json-marker"));
    const runId = await createRun(experimentId, { run_name: "metron-json-text-0-0" });
    await ok(post("runs/set-tag", { run_id: runId, key: "note", value: "metron-json-text-00000000-0" }));
    const [run] = (await ok(post("runs/search", { experiment_ids: [experimentId] }))).body.runs;
    expect(run.info.run_name).toBe("metron-json-text-0-0");
    expect(run.data.tags).toContainEqual({ key: "note", value: "metron-json-text-00000000-0" });
  });
});

// A database whose collation is not bytewise (ICU en-US sorts "_ a B e é Z", bytes "B Z _ a e é"):
// the key columns cannot give byte order from their index, so the entries are sorted explicitly.
describe.runIf(inject("driver") === "postgres")("runs/search data on a database with a locale collation", () => {
  let server: TestServer | undefined;
  afterAll(async () => {
    await server?.stop();
    await dropDatabase(ICU_DATABASE_URL);
  });

  it("still lists params, tags and metrics in UTF-8 byte order, as runs/get does", async () => {
    await recreateDatabase(ICU_DATABASE_URL, "locale_provider icu icu_locale 'en-US' template template0");
    server = await startTestServer("postgres", { databaseUrl: ICU_DATABASE_URL, keepDatabase: true });
    const call = async (path: string, body: unknown) => {
      const res = await fetch(`${server!.baseUrl}/api/2.0/mlflow/${path}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(200);
      return res.json();
    };
    const keys = ["_", "a", "B", "e", "é", "Z"];
    const { experiment_id } = await call("experiments/create", { name: uniqueName("icu") });
    const { run } = await call("runs/create", { experiment_id, run_name: "icu" });
    await call("runs/log-batch", {
      run_id: run.info.run_id,
      params: keys.map((key) => ({ key, value: key })),
      metrics: keys.map((key, i) => ({ key, value: i, timestamp: 1, step: 0 })),
    });
    const { runs } = await call("runs/search", { experiment_ids: [experiment_id] });
    const byteOrder = ["B", "Z", "_", "a", "e", "é"];
    expect(runs[0].data.params.map((p: { key: string }) => p.key)).toEqual(byteOrder);
    expect(runs[0].data.metrics.map((m: { key: string }) => m.key)).toEqual(byteOrder);
    const got = await fetch(`${server.baseUrl}/api/2.0/mlflow/runs/get?run_id=${run.info.run_id}`).then((res) => res.json());
    expect(runs[0]).toEqual(got.run);
  });
});

const ICU_DATABASE_URL = testDatabaseUrl("icu");
