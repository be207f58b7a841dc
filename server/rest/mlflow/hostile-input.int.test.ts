import { describe, expect, inject, it } from "vitest";
import { createExperiment, createRun, errorOf, get, post, uniqueName } from "../../testing/api";
import { rawRequest } from "../../testing/artifacts";
import { createModel } from "../../testing/registry";

// Issue 12, item 6: hostile input that used to come back whole (a 10 MB error), be stored under
// another name (invalid UTF-8 read as U+FFFD), or be stored whole (1 MB logged-model values).

const baseUrl = () => inject("baseUrl");
const TEN_MB = 10 * 1024 * 1024;
const huge = (prefix = "") => prefix + "a".repeat(TEN_MB);

/** The server's door for these paths; server/rest/both-doors.int.test.ts shows Next's route files answer the same. */
const DOORS = [["fast path", {}]] as const;

describe("error messages quote at most a bounded part of the input", () => {
  const cases: [string, string, unknown, string][] = [
    ["a model version source", "model-versions/create", { name: "m", source: `s3://b/${huge()}/../x` }, "Invalid model version source: 's3://b/aaa"],
    ["a tag key", "runs/create", { experiment_id: "0", tags: [{ key: huge("bad key!"), value: "v" }] }, "Invalid tag name: 'bad key!aaa"],
    ["an experiment id", "experiments/delete", { experiment_id: huge("9") }, "No Experiment with id=9aaa"],
    ["a logged model name", "logged-models", { experiment_id: "0", name: huge("a/") }, "Invalid value \"a/aaa"],
    ["malformed JSON", "experiments/create", `{"name": ${huge('"')}`, "Malformed JSON in request body"],
  ];

  it.each(cases)("%s of 10 MB answers a short 4xx", async (_, endpoint, body, start) => {
    for (const [door, doorHeaders] of DOORS) {
      const res = await rawRequest(baseUrl(), "POST", `/api/2.0/mlflow/${endpoint}`, {
        headers: { "content-type": "application/json", ...doorHeaders },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
      expect(res.status, door).toBeGreaterThanOrEqual(400);
      expect(res.status, door).toBeLessThan(500);
      expect(res.body.length, `${door}: ${res.text.slice(0, 300)}`).toBeLessThanOrEqual(1200);
      expect(res.json.message.startsWith(start), door).toBe(true);
    }
  });
});

describe("invalid UTF-8 in a JSON body", () => {
  it.each(DOORS)("answers 400 through the %s and stores nothing", async (_, doorHeaders) => {
    const name = uniqueName("utf8");
    for (const bad of [Buffer.from([0xff]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe2, 0x82])]) {
      const body = Buffer.concat([Buffer.from(`{"name":"${name}`), bad, Buffer.from('"}')]);
      const res = await rawRequest(baseUrl(), "POST", "/api/2.0/mlflow/experiments/create", { headers: { "content-type": "application/json", ...doorHeaders }, body });
      expect([res.status, res.json]).toEqual([400, { error_code: "INVALID_PARAMETER_VALUE", message: "Invalid request body: it is not valid UTF-8." }]);
    }
    const found = await post("experiments/search", { filter: `name LIKE '${name}%'`, max_results: 10 });
    expect(found.body.experiments ?? []).toEqual([]);
    // Valid multi-byte text still goes through.
    expect((await post("experiments/create", { name: `${name}-€-ü-😀` })).status).toBe(200);
  });
});

describe("invalid UTF-8 in a tRPC body", () => {
  it("answers 400 and creates nothing", async () => {
    const name = uniqueName("utf8-trpc");
    const body = Buffer.concat([Buffer.from(`{"name":"${name}`), Buffer.from([0xff]), Buffer.from('"}')]);
    const res = await rawRequest(baseUrl(), "POST", "/api/trpc/experimentList.create", { headers: { "content-type": "application/json" }, body });
    expect([res.status, res.json]).toEqual([400, { error_code: "INVALID_PARAMETER_VALUE", message: "Invalid request body: it is not valid UTF-8." }]);
    const found = await post("experiments/search", { filter: `name LIKE '${name}%'`, max_results: 10 });
    expect(found.body.experiments ?? []).toEqual([]);
    const valid = await rawRequest(baseUrl(), "POST", "/api/trpc/experimentList.create", {
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: `${name}-€` }),
    });
    expect(valid.status, valid.text).toBe(200);
  });
});

describe("logged model params and tags take a run's limits", () => {
  async function loggedModel(extra: Record<string, unknown> = {}) {
    const res = await post("logged-models", { experiment_id: await createExperiment(), ...extra });
    expect(res.status, res.text).toBe(200);
    return res.body.model;
  }
  const send = async (method: string, path: string, body: unknown) =>
    rawRequest(baseUrl(), method, `/api/2.0/mlflow/${path}`, { headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  it("cuts values to 6000 (params) and 8000 (tags) characters, as for runs", async () => {
    const long = "v".repeat(1_000_000);
    const created = await loggedModel({ params: [{ key: "p", value: long }], tags: [{ key: "t", value: long }] });
    const modelId = created.info.model_id;
    expect((await send("POST", `logged-models/${modelId}/params`, { params: [{ key: "q", value: long }] })).status).toBe(200);
    expect((await send("PATCH", `logged-models/${modelId}/tags`, { tags: [{ key: "u", value: long }] })).status).toBe(200);
    const { data, info } = (await get(`logged-models/${modelId}`)).body.model;
    const lengths = (list: { key: string; value: string }[]) => Object.fromEntries(list.map((e) => [e.key, e.value.length]));
    expect(lengths(data.params)).toEqual({ p: 6000, q: 6000 });
    expect(lengths(info.tags)).toEqual({ t: 8000, u: 8000 });
    // The same long value again is the same (cut) param: no conflict.
    expect((await send("POST", `logged-models/${modelId}/params`, { params: [{ key: "q", value: long }] })).status).toBe(200);

    // A run cuts the same values to the same lengths.
    const runId = await createRun(await createExperiment());
    await post("runs/log-batch", { run_id: runId, params: [{ key: "p", value: long.slice(0, 10_000) }], tags: [{ key: "t", value: long.slice(0, 10_000) }] });
    const run = (await get("runs/get", { run_id: runId })).body.run.data;
    expect(run.params[0].value.length).toBe(6000);
    expect(run.tags.find((t: { key: string }) => t.key === "t").value.length).toBe(8000);
  });

  it("refuses keys a run would refuse", async () => {
    const { info } = await loggedModel();
    for (const [kind, path, method] of [
      ["param", `logged-models/${info.model_id}/params`, "POST"],
      ["tag", `logged-models/${info.model_id}/tags`, "PATCH"],
    ] as const) {
      const field = kind === "param" ? "params" : "tags";
      const tooLong = await send(method, path, { [field]: [{ key: "k".repeat(251), value: "v" }] });
      expect([tooLong.status, tooLong.json]).toEqual([
        400,
        { error_code: "INVALID_PARAMETER_VALUE", message: `${kind} name '${"k".repeat(40)}…' exceeds the maximum length of 250 characters.` },
      ]);
      const badName = await send(method, path, { [field]: [{ key: "../x", value: "v" }] });
      expect([badName.status, badName.json.error_code]).toEqual([400, "INVALID_PARAMETER_VALUE"]);
    }
    const refused = await post("logged-models", { experiment_id: "0", params: [{ key: "a\u0000b", value: "v" }] });
    expect(errorOf(refused)).toMatchObject({ status: 400, code: "INVALID_PARAMETER_VALUE" });
    expect((await get(`logged-models/${info.model_id}`)).body.model.data).toEqual({});
  });
});

describe("the registry echoes at most 250 characters of a source", () => {
  it("in MLflow's own message", async () => {
    const name = await createModel();
    const source = `s3://bucket/${"x".repeat(5000)}/../y`;
    const res = await post("model-versions/create", { name, source });
    expect(errorOf(res).message).toBe(
      `Invalid model version source: '${source.slice(0, 247)}...'. If supplying a source as an http, https, local file path, ftp, ` +
        `objectstore, or mlflow-artifacts uri, an absolute path must be provided without relative path references ` +
        `present. Please provide an absolute path.`,
    );
  });
});
