import { describe, expect, it } from "vitest";
import { createExperiment, createRun, errorOf, post } from "../../testing/api";
import { fetchHistory, fetchRun, notActive, OK_EMPTY, reply, sortedData, T0 } from "../../testing/runs";

// runs/log-batch write semantics: all-or-nothing, MLflow's limits and key rules, immutable params,
// upserted tags, idempotent metric points and the "latest" metric rule.

interface Batch {
  metrics?: { key: string; value: number | string; timestamp: number; step?: number }[];
  params?: { key: string; value: string }[];
  tags?: { key: string; value: string }[];
}

const logBatch = (runId: string, batch: Batch) => post("runs/log-batch", { run_id: runId, ...batch });
const invalid = (message: string) => ({ status: 400, code: "INVALID_PARAMETER_VALUE", message });
const tooLarge = (message: string) => ({ status: 413, code: "INVALID_PARAMETER_VALUE", message });

/** A fresh run named "r": its data is exactly one mlflow.runName tag. */
async function newRun(): Promise<string> {
  return createRun(await createExperiment(), { run_name: "r" });
}
const EMPTY_RUN_DATA = { tags: [{ key: "mlflow.runName", value: "r" }] };

/** Asserts that nothing of a rejected batch landed: data as on creation, no history for `metricKeys`. */
async function expectNothingWritten(runId: string, metricKeys: string[]): Promise<void> {
  expect(sortedData(await fetchRun(runId))).toEqual(EMPTY_RUN_DATA);
  for (const key of metricKeys) expect((await fetchHistory(runId, key)).body, key).toEqual({});
}

const metric = (key: string, value: number, timestamp = T0, step = 0) => ({ key, value, timestamp, step });
const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => ({ key: `${prefix}${i}`, value: "v" }));
const manyMetrics = (n: number) => Array.from({ length: n }, (_, i) => metric(`m${i}`, i));

describe("log-batch atomicity", () => {
  it("writes nothing when the second param conflicts with a logged value", async () => {
    const runId = await newRun();
    expect(reply(await logBatch(runId, { params: [{ key: "p1", value: "a" }] }))).toEqual(OK_EMPTY);
    const res = await logBatch(runId, {
      params: [
        { key: "p0", value: "new" },
        { key: "p1", value: "b" },
        { key: "p2", value: "x" },
      ],
      tags: [{ key: "t", value: "v" }],
      metrics: [metric("m", 1)],
    });
    expect(errorOf(res)).toEqual(
      invalid(
        `Changing param values is not allowed. Param with key='p1' was already logged with value='a' ` +
          `for run ID='${runId}'. Attempted logging new value 'b'.`,
      ),
    );
    expect(sortedData(await fetchRun(runId))).toEqual({ ...EMPTY_RUN_DATA, params: [{ key: "p1", value: "a" }] });
    expect((await fetchHistory(runId, "m")).body).toEqual({});
  });

  it("writes nothing when a metric key in the middle is invalid", async () => {
    const runId = await newRun();
    const res = await logBatch(runId, {
      metrics: [metric("ok1", 1), metric("a//b", 2), metric("ok2", 3)],
      params: [{ key: "p", value: "v" }],
      tags: [{ key: "t", value: "v" }],
    });
    expect(errorOf(res)).toEqual(
      invalid(
        "Invalid metric name: 'a//b'. Names may be treated as files in certain cases, and must not resolve " +
          "to other names when treated as such. This name would resolve to 'a/b'.",
      ),
    );
    await expectNothingWritten(runId, ["ok1", "ok2"]);
  });
});

describe("log-batch limits", () => {
  const tooMany = (limit: number, name: string, got: number) =>
    `A batch logging request can contain at most ${limit} ${name}. Got ${got} ${name}. ` +
    `Please split up ${name} across multiple requests and try again.`;

  it.each<[string, Batch, string]>([
    ["1001 metrics", { metrics: manyMetrics(1001) }, tooMany(1000, "metrics", 1001)],
    ["101 params", { params: many("p", 101) }, tooMany(100, "params", 101)],
    ["101 tags", { tags: many("t", 101) }, tooMany(100, "tags", 101)],
    [
      "1001 entities in total",
      { metrics: manyMetrics(901), params: many("p", 100) },
      "A batch logging request can contain at most 1000 metrics, params, and tags in total. Got 1001 entities. " +
        "Please split up the entities across multiple requests and try again.",
    ],
  ])("rejects %s and writes nothing", async (_, batch, message) => {
    const runId = await newRun();
    expect(errorOf(await logBatch(runId, batch))).toEqual(invalid(message));
    await expectNothingWritten(runId, ["m0"]);
  });

  it("accepts batches exactly at the limits", async () => {
    const runId = await newRun();
    expect(reply(await logBatch(runId, { metrics: manyMetrics(1000) }))).toEqual(OK_EMPTY);
    const full = { metrics: manyMetrics(800).map((m) => ({ ...m, step: 1 })), params: many("p", 100), tags: many("t", 100) };
    expect(reply(await logBatch(runId, full))).toEqual(OK_EMPTY);
    const data = sortedData(await fetchRun(runId));
    expect([data.metrics.length, data.params.length, data.tags.length]).toEqual([1000, 100, 101]);
  });

  it("rejects a body over 1,000,000 bytes and writes nothing", async () => {
    const runId = await newRun();
    const body = { run_id: runId, params: [{ key: "big", value: "x".repeat(1_000_000) }] };
    const size = Buffer.byteLength(JSON.stringify(body));
    expect(errorOf(await post("runs/log-batch", body))).toEqual(
      tooLarge(`Request body of ${size} bytes exceeds the limit of 1000000 bytes for this endpoint.`),
    );
    await expectNothingWritten(runId, []);
  });

  it("accepts a body just under 1,000,000 bytes", async () => {
    const runId = await newRun();
    expect(reply(await logBatch(runId, { tags: [{ key: "big", value: "x".repeat(990_000) }] }))).toEqual(OK_EMPTY);
  });
});

describe("log-batch key validation", () => {
  const badChars = (kind: string, key: string) =>
    `Invalid ${kind} name: '${key}'. Names may only contain alphanumerics, underscores (_), dashes (-), ` +
    `periods (.), spaces ( ), colon(:) and slashes (/).`;
  const notNormal = (kind: string, key: string, resolved: string) =>
    `Invalid ${kind} name: '${key}'. Names may be treated as files in certain cases, and must not resolve ` +
    `to other names when treated as such. This name would resolve to '${resolved}'.`;
  const long = "k".repeat(251);
  const cases: [string, (kind: string) => string][] = [
    ["bad!", (kind) => badChars(kind, "bad!")],
    ["tab\there", (kind) => badChars(kind, "tab\there")],
    ["../up", (kind) => notNormal(kind, "../up", "../up")],
    ["a/../b", (kind) => notNormal(kind, "a/../b", "b")],
    ["a//b", (kind) => notNormal(kind, "a//b", "a/b")],
    ["/lead", (kind) => notNormal(kind, "/lead", "/lead")],
    ["trail/", (kind) => notNormal(kind, "trail/", "trail")],
    [long, (kind) => `${kind} name '${long.slice(0, 40)}…' exceeds the maximum length of 250 characters.`],
  ];
  const asBatch = (kind: string, key: string): Batch =>
    kind === "metric" ? { metrics: [metric(key, 1)] } : { [`${kind}s`]: [{ key, value: "v" }] };

  it.each(["metric", "param", "tag"])("rejects bad %s keys with MLflow's reasons", async (kind) => {
    const runId = await newRun();
    for (const [key, message] of cases) {
      expect(errorOf(await logBatch(runId, asBatch(kind, key))), key).toEqual(invalid(message(kind)));
    }
    await expectNothingWritten(runId, []);
  });

  it.each(["metric", "param", "tag"])("accepts every allowed %s key form", async (kind) => {
    const runId = await newRun();
    for (const key of ["a b:c/d-e_f.g", "größe", "a..b", "k".repeat(250)]) {
      expect(reply(await logBatch(runId, asBatch(kind, key))), key).toEqual(OK_EMPTY);
    }
  });
});

describe("log-batch params and tags", () => {
  it("treats the same param value as a no-op and names old and new values of every change", async () => {
    const runId = await newRun();
    const first = [
      { key: "a", value: "1" },
      { key: "b", value: "2" },
    ];
    await logBatch(runId, { params: first });
    expect(reply(await logBatch(runId, { params: first }))).toEqual(OK_EMPTY);
    const res = await logBatch(runId, {
      params: [
        { key: "a", value: "10" },
        { key: "b", value: "20" },
      ],
    });
    expect(errorOf(res)).toEqual(
      invalid(
        "Changing param values is not allowed. Params were already logged=" +
          `'[{'key': 'a', 'old_value': '1', 'new_value': '10'}, {'key': 'b', 'old_value': '2', 'new_value': '20'}]' ` +
          `for run ID='${runId}'.`,
      ),
    );
    expect(sortedData(await fetchRun(runId)).params).toEqual(first);
  });

  it("rejects duplicate param keys in one batch, whatever their values", async () => {
    const runId = await newRun();
    const message = invalid(
      "Duplicate parameter keys have been submitted: ['k']. Please ensure the request contains only one param value per param key.",
    );
    for (const second of ["same", "other"]) {
      const params = [
        { key: "k", value: "same" },
        { key: "k", value: second },
      ];
      expect(errorOf(await logBatch(runId, { params }))).toEqual(message);
    }
    await expectNothingWritten(runId, []);
  });

  it("upserts tags, the last value for a key winning within a batch (mlflow.runName renames)", async () => {
    const runId = await newRun();
    const tags = [
      { key: "t", value: "1" },
      { key: "mlflow.runName", value: "first" },
      { key: "t", value: "2" },
      { key: "mlflow.runName", value: "second" },
    ];
    expect(reply(await logBatch(runId, { tags }))).toEqual(OK_EMPTY);
    await logBatch(runId, { tags: [{ key: "u", value: "x" }] });
    await logBatch(runId, { tags: [{ key: "t", value: "3" }] });
    const run = await fetchRun(runId);
    expect(run.body.run.info.run_name).toBe("second");
    expect(sortedData(run).tags).toEqual([
      { key: "mlflow.runName", value: "second" },
      { key: "t", value: "3" },
      { key: "u", value: "x" },
    ]);
  });

  it("truncates param values to 6000 and tag values to 8000 characters", async () => {
    const runId = await newRun();
    const params = [
      { key: "long", value: "p".repeat(6001) },
      { key: "exact", value: "q".repeat(6000) },
    ];
    expect(reply(await logBatch(runId, { params, tags: [{ key: "long", value: "t".repeat(8001) }] }))).toEqual(OK_EMPTY);
    // Logging the same long value again compares truncated with truncated: a no-op, not a change.
    expect(reply(await logBatch(runId, { params }))).toEqual(OK_EMPTY);
    expect(sortedData(await fetchRun(runId))).toEqual({
      params: [
        { key: "exact", value: "q".repeat(6000) },
        { key: "long", value: "p".repeat(6000) },
      ],
      tags: [
        { key: "long", value: "t".repeat(8000) },
        { key: "mlflow.runName", value: "r" },
      ],
    });
  });
});

describe("log-batch metrics", () => {
  it("ignores exact duplicate points, within a batch and when a batch is replayed", async () => {
    const runId = await newRun();
    const metrics = [metric("m", 1, T0, 0), metric("m", 2, T0 + 1, 1), metric("m", 2, T0 + 1, 1)];
    const history = { metrics: [metric("m", 1, T0, 0), metric("m", 2, T0 + 1, 1)] };
    expect(reply(await logBatch(runId, { metrics }))).toEqual(OK_EMPTY);
    expect((await fetchHistory(runId, "m")).body).toEqual(history);
    expect(reply(await logBatch(runId, { metrics }))).toEqual(OK_EMPTY);
    expect((await fetchHistory(runId, "m")).body).toEqual(history);
    // Same key, step and timestamp but another value is a new point.
    await logBatch(runId, { metrics: [metric("m", 3, T0 + 1, 1)] });
    expect((await fetchHistory(runId, "m")).body).toEqual({ metrics: [...history.metrics, metric("m", 3, T0 + 1, 1)] });
  });

  it("reports as latest the point with the greatest step, then timestamp, then value", async () => {
    const runId = await newRun();
    const latest = async () => (await fetchRun(runId)).body.run.data.metrics;
    // [points logged in one batch, latest afterwards]
    const steps: [ReturnType<typeof metric>[], ReturnType<typeof metric>][] = [
      [[metric("m", 5, T0 + 1, 2), metric("m", 9, T0 + 100, 1)], metric("m", 5, T0 + 1, 2)], // step beats a later timestamp
      [[metric("m", 1, T0 + 5, 2)], metric("m", 1, T0 + 5, 2)], // same step: the later timestamp wins, even if smaller
      [[metric("m", 3, T0 + 5, 2)], metric("m", 3, T0 + 5, 2)], // same step and timestamp: the larger value
      [[metric("m", 2, T0 + 5, 2)], metric("m", 3, T0 + 5, 2)], // … and a smaller value does not replace it
      [[metric("m", 100, T0 + 1000, 1)], metric("m", 3, T0 + 5, 2)], // an older step never does
      [[metric("m", 0, T0, 3), metric("m", 7, T0, 3), metric("m", 9, T0 + 9, 2)], metric("m", 7, T0, 3)], // within one batch
    ];
    for (const [metrics, expected] of steps) {
      await logBatch(runId, { metrics });
      expect(await latest()).toEqual([expected]);
    }
  });
});

describe("log-batch on inactive runs", () => {
  it("rejects writes to a run in a deleted experiment, and to a restored run there", async () => {
    const exp = await createExperiment();
    const runId = await createRun(exp, { run_name: "r" });
    const batch = { params: [{ key: "p", value: "v" }], tags: [{ key: "t", value: "v" }], metrics: [metric("m", 1)] };
    await post("experiments/delete", { experiment_id: exp });
    expect(errorOf(await logBatch(runId, batch))).toEqual(notActive("run", runId));
    // Restoring only the run leaves its experiment deleted: still no writes.
    await post("runs/restore", { run_id: runId });
    expect(errorOf(await logBatch(runId, batch))).toEqual(notActive("experiment", exp));
    await expectNothingWritten(runId, ["m"]);
  });

  it("answers 404 for an unknown run", async () => {
    expect(errorOf(await logBatch("d".repeat(32), { tags: [{ key: "t", value: "v" }] }))).toEqual({
      status: 404,
      code: "RESOURCE_DOES_NOT_EXIST",
      message: `Run with id=${"d".repeat(32)} not found`,
    });
  });
});
