import { beforeAll, describe, expect, it } from "vitest";
import { createExperiment, createRun, errorOf, post, send } from "../../testing/api";
import { API_DOCS_HINT, T0 } from "../../testing/runs";

// logged-models/search: metric filters with and without datasets, params / tags / attributes,
// ordering by a metric's latest value on one dataset (missing values last), and paging.

type Model = { info: { model_id: string; name: string; creation_timestamp_ms: number } };

describe("POST logged-models/search", () => {
  let experimentId: string;
  let runId: string;
  const id: Record<string, string> = {};
  /** Every model, in the default order: newest first, then model id. */
  let byDefaultOrder: string[];

  beforeAll(async () => {
    experimentId = await createExperiment();
    runId = await createRun(experimentId);
    for (const [name, extra] of [
      ["m1", { params: [{ key: "lr", value: "0.1" }], tags: [{ key: "stage", value: "prod" }], model_type: "cnn" }],
      ["m2", { params: [{ key: "lr", value: "0.01" }] }],
      ["m3", {}],
      ["m4", { tags: [{ key: "stage", value: "dev" }] }],
      ["m5", {}],
    ] as const) {
      const res = await post("logged-models", { experiment_id: experimentId, name, source_run_id: runId, ...extra });
      id[name] = res.body.model.info.model_id;
    }
    const point = (model: string, value: number | string, dataset: string, digest: string, step: number) => ({
      key: "accuracy",
      value,
      timestamp: T0 + step,
      step,
      model_id: id[model],
      dataset_name: dataset,
      dataset_digest: digest,
    });
    const res = await post("runs/log-batch", {
      run_id: runId,
      metrics: [
        point("m1", 0.9, "val", "v1", 1),
        point("m1", 0.7, "test", "t1", 2),
        point("m2", 0.8, "val", "v1", 1),
        point("m2", 0.95, "test", "t1", 2),
        point("m3", 0.85, "test", "t1", 1),
        point("m5", 0.5, "val", "v1", 1),
        point("m5", 0.99, "val", "v1", 2),
        { key: "loss", value: 0.2, timestamp: T0, step: 0, model_id: id.m1 },
      ],
    });
    expect(res.status, res.text).toBe(200);
    await send("PATCH", `logged-models/${id.m1}`, { status: "LOGGED_MODEL_READY" });
    const all = await search({});
    byDefaultOrder = all.map((m) => m.info.model_id);
  });

  async function search(body: Record<string, unknown>): Promise<Model[]> {
    const res = await post("logged-models/search", { experiment_ids: [experimentId], ...body });
    expect(res.status, res.text).toBe(200);
    return res.body.models ?? [];
  }
  const names = async (body: Record<string, unknown>) => (await search(body)).map((m) => m.info.name);
  /** Names in the default order, restricted to `subset`. */
  const inDefaultOrder = (subset: string[]) => byDefaultOrder.filter((mid) => subset.some((n) => id[n] === mid)).map((mid) => Object.keys(id).find((n) => id[n] === mid));

  it("answers every model newest first (then by id) with its data", async () => {
    const models = await search({});
    expect(models).toHaveLength(5);
    const keys = models.map((m) => [m.info.creation_timestamp_ms, m.info.model_id] as const);
    expect(keys).toEqual([...keys].sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1)));
    const m1 = models.find((m) => m.info.name === "m1") as unknown as { data: unknown };
    expect(m1.data).toEqual({
      params: [{ key: "lr", value: "0.1" }],
      metrics: [
        { key: "accuracy", value: 0.9, timestamp: T0 + 1, step: 1, dataset_name: "val", dataset_digest: "v1", model_id: id.m1, run_id: runId },
        { key: "accuracy", value: 0.7, timestamp: T0 + 2, step: 2, dataset_name: "test", dataset_digest: "t1", model_id: id.m1, run_id: runId },
        { key: "loss", value: 0.2, timestamp: T0, step: 0, model_id: id.m1, run_id: runId },
      ],
    });
  });

  it("orders by a metric's latest value on one dataset, models without it last", async () => {
    const order = (ascending: boolean) => [{ field_name: "metrics.accuracy", ascending, dataset_name: "val" }];
    expect(await names({ order_by: order(false) })).toEqual(["m5", "m1", "m2", ...inDefaultOrder(["m3", "m4"])]);
    expect(await names({ order_by: order(true) })).toEqual(["m2", "m1", "m5", ...inDefaultOrder(["m3", "m4"])]);
    // With the digest too; a digest nobody logged leaves every model "missing" (default order).
    expect(await names({ order_by: [{ ...order(false)[0], dataset_digest: "v1" }] })).toEqual(["m5", "m1", "m2", ...inDefaultOrder(["m3", "m4"])]);
    expect(await names({ order_by: [{ ...order(false)[0], dataset_digest: "nope" }] })).toEqual(inDefaultOrder(["m1", "m2", "m3", "m4", "m5"]));
  });

  it("orders by a metric's latest point over all datasets when none is given", async () => {
    // Latest by (timestamp, step): m1 0.7 (test), m2 0.95 (test), m3 0.85, m5 0.99.
    expect(await names({ order_by: [{ field_name: "metrics.accuracy", ascending: false }] })).toEqual(["m5", "m2", "m3", "m1", "m4"]);
    expect(await names({ order_by: [{ field_name: "metrics.accuracy" }] })).toEqual(["m1", "m3", "m2", "m5", "m4"]);
  });

  it("orders by attributes", async () => {
    expect(await names({ order_by: [{ field_name: "name", ascending: false }] })).toEqual(["m5", "m4", "m3", "m2", "m1"]);
    expect(await names({ order_by: [{ field_name: "model_type" }, { field_name: "name" }] })).toEqual(["m1", "m2", "m3", "m4", "m5"]);
  });

  it.each([
    ["metrics.accuracy > 0.85", [], ["m1", "m2", "m5"]],
    ["metrics.accuracy > 0.85", [{ dataset_name: "test" }], ["m2"]],
    ["metrics.accuracy >= 0.85", [{ dataset_name: "test", dataset_digest: "t1" }], ["m2", "m3"]],
    ["metrics.accuracy < 0.6", [{ dataset_name: "val" }], ["m5"]],
    ["metrics.accuracy = 0.9", [], ["m1"]],
    ["metrics.loss <= 0.2", [], ["m1"]],
    ["", [{ dataset_name: "val" }], ["m1", "m2", "m5"]],
    ["", [{ dataset_name: "val" }, { dataset_name: "test" }], ["m1", "m2", "m3", "m5"]],
    ["", [{ dataset_name: "val", dataset_digest: "other" }], []],
    ["params.lr = '0.1'", [], ["m1"]],
    ["params.lr LIKE '0.0%'", [], ["m2"]],
    ["params.lr != '0.1'", [], ["m2"]],
    ["tags.stage = 'dev'", [], ["m4"]],
    ["tags.stage ILIKE 'PR%'", [], ["m1"]],
    ["name = 'm3'", [], ["m3"]],
    ["attributes.name LIKE 'm%' AND params.lr = '0.01'", [], ["m2"]],
    ["status = 'LOGGED_MODEL_READY'", [], ["m1"]],
    ["status = 'PENDING'", [], ["m2", "m3", "m4", "m5"]],
    ["model_type = 'cnn'", [], ["m1"]],
    ["creation_timestamp > 0", [], ["m1", "m2", "m3", "m4", "m5"]],
    ["creation_time < 0", [], []],
    ["metrics.accuracy > 0.85 AND tags.stage = 'prod'", [], ["m1"]],
  ])("filter %s with datasets %j", async (filter, datasets, expected) => {
    expect((await names({ filter, datasets, order_by: [{ field_name: "name" }] }))).toEqual(expected);
  });

  it("pages with tokens bound to the search", async () => {
    const body = { max_results: 2, order_by: [{ field_name: "name" }] };
    const first = await post("logged-models/search", { experiment_ids: [experimentId], ...body });
    expect(first.body.models.map((m: Model) => m.info.name)).toEqual(["m1", "m2"]);
    const second = await post("logged-models/search", { experiment_ids: [experimentId], ...body, page_token: first.body.next_page_token });
    expect(second.body.models.map((m: Model) => m.info.name)).toEqual(["m3", "m4"]);
    const third = await post("logged-models/search", { experiment_ids: [experimentId], ...body, page_token: second.body.next_page_token });
    expect(third.body.models.map((m: Model) => m.info.name)).toEqual(["m5"]);
    expect(third.body.next_page_token).toBeUndefined();

    const token = first.body.next_page_token;
    expect(errorOf(await post("logged-models/search", { experiment_ids: [experimentId], ...body, filter: "name = 'm1'", page_token: token }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Invalid page token '${token}': it belongs to a different search (experiment ids, filter, order_by or view type changed).`,
    });
    expect(errorOf(await post("logged-models/search", { experiment_ids: [experimentId], page_token: "bm9wZQ==" }))).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: "Invalid page token 'bm9wZQ=='. Page tokens must come from a previous response.",
    });
  });

  it("leaves out deleted models and models of other experiments", async () => {
    const other = await createExperiment();
    const res = await post("logged-models", { experiment_id: other, name: "elsewhere" });
    await send("DELETE", `logged-models/${res.body.model.info.model_id}`);
    await post("logged-models", { experiment_id: other, name: "kept" });
    expect((await post("logged-models/search", { experiment_ids: [other] })).body.models.map((m: Model) => m.info.name)).toEqual(["kept"]);
    expect(await names({ filter: "name = 'kept'" })).toEqual([]);
    expect((await post("logged-models/search", { experiment_ids: ["424242", "x"] })).body).toEqual({});
  });

  it.each([
    [{}, `Missing value for required parameter 'experiment_ids'. ${API_DOCS_HINT}`],
    [{ filter: "metrics.x > 1 AND foo.bar = 'x'" }, "Invalid entity type 'foo' at position 18. Expected one of metrics, params, tags or attributes."],
    [{ filter: "metrics.accuracy LIKE '1'" }, "Invalid comparator 'LIKE' for 'metrics.accuracy' at position 0; expected one of =, !=, <, <=, >, >="],
    [{ filter: "metrics.accuracy > 'high'" }, "Expected a numeric value for 'metrics.accuracy' at position 0, found 'high'"],
    [{ filter: "params.lr > '1'" }, "Invalid comparator '>' for 'params.lr' at position 0; expected one of =, !=, LIKE, ILIKE, IN, NOT IN"],
    [{ filter: "size = '1'" }, "Invalid attribute key 'size' at position 0. Valid attributes are name, model_id, model_type, source_run_id, status, experiment_id, creation_timestamp, creation_time, last_updated_timestamp"],
    [{ filter: "name = " }, "Invalid filter 'name = ': expected a value after '=' at the end of the filter (position 7)"],
    [{ datasets: [{ dataset_digest: "d" }] }, "`dataset_name` in the `datasets` clause must be specified."],
    [{ order_by: [{ field_name: "params.lr" }] }, "Invalid order by field name: params.lr. Only metrics are supported."],
    [{ order_by: [{ field_name: "size" }] }, "Invalid order by field name: size"],
    [{ order_by: [{ ascending: true }] }, `Missing value for required parameter 'order_by[0].field_name'. ${API_DOCS_HINT}`],
    [{ max_results: 0 }, "Invalid value 0 for parameter 'max_results' supplied. It must be at least 1 and at most 50000."],
  ])("rejects %j", async (body, message) => {
    const request = "experiment_ids" in body || Object.keys(body).length === 0 ? body : { experiment_ids: [experimentId], ...body };
    expect(errorOf(await post("logged-models/search", request))).toEqual({ status: 400, code: "INVALID_PARAMETER_VALUE", message });
  });
});
