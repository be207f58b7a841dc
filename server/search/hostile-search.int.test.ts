import { beforeAll, describe, expect, inject, it } from "vitest";
import { createExperiment, createRun, errorOf, get, post, uniqueName } from "../testing/api";
import { trpcQuery } from "../testing/trpc";

// Issue 12, items 2, 3 and 5: filters and pages built to tie up the database, on both drivers.

const repeat = (clause: string, times: number, joiner = " AND ") => Array.from({ length: times }, () => clause).join(joiner);
const NESTED_5000 = `${"(".repeat(5000)}metrics.loss > 0${")".repeat(5000)}`;
const TOO_DEEP = "Invalid filter: parentheses and NOT are nested too deeply (more than 32 levels); the limit is 32.";
const TOO_MANY = "Invalid filter: too many comparisons (more than 100); the limit is 100.";
const invalid = (message: string) => ({ status: 400, code: "INVALID_PARAMETER_VALUE", message: expect.stringContaining(message) });

/** A fetch that gives up after `ms`: a request that hangs fails the test instead of the suite. */
const within = (ms: number) => ({ signal: AbortSignal.timeout(ms) });

describe("hostile searches answer 4xx quickly and leave the server healthy", () => {
  let experimentId: string;
  let runIds: string[];

  beforeAll(async () => {
    experimentId = await createExperiment(uniqueName("hostile"));
    runIds = [];
    for (const [name, loss] of [["low", 0.2], ["high", 3]] as const) {
      const runId = await createRun(experimentId, { run_name: name, start_time: loss * 1000 });
      const res = await post("runs/log-batch", { run_id: runId, metrics: [{ key: "loss", value: loss, timestamp: 1, step: 0 }], params: [{ key: "opt", value: "adam" }] });
      expect(res.status, res.text).toBe(200);
      runIds.push(runId);
    }
  });

  const search = (body: Record<string, unknown>, ms = 20_000) => post("runs/search", { experiment_ids: [experimentId], ...body }, within(ms));
  const names = (body: { runs?: { info: { run_name: string } }[] }) => (body.runs ?? []).map((r) => r.info.run_name);

  it("AND × 5000 is refused (it answered {} on PGlite), and the next failing request still answers", async () => {
    const started = performance.now();
    const tooLong = "Invalid filter: the filter is too long (104,995 characters); the limit is 65,536.";
    expect(errorOf(await search({ filter: repeat("metrics.loss > 0", 5000) }))).toEqual(invalid(tooLong));
    expect(errorOf(await search({ filter: repeat("metrics.loss>0", 3000) }))).toEqual(invalid(TOO_MANY));
    // The request that never returned on PGlite: a database error right after the big filter.
    expect(errorOf(await post("experiments/create", { name: "nul \u0000 name" }, within(10_000)))).toEqual(invalid("Invalid parameter value"));
    expect((await fetch(`${inject("baseUrl")}/health`, within(5_000))).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("the same comparison 100 times is checked once: right answer, quickly", async () => {
    const started = performance.now();
    const res = await search({ filter: repeat("metrics.loss > 0.5", 100) });
    expect(res.status, res.text).toBe(200);
    expect(names(res.body)).toEqual(["high"]);
    expect(performance.now() - started).toBeLessThan(5_000);
    const ranged = await search({ filter: "metrics.loss > 0 AND metrics.loss < 1 AND params.opt = 'adam' AND params.opt != 'sgd'" });
    expect(names(ranged.body)).toEqual(["low"]);
  });

  it("5,000 nested parentheses and 5,000 NOTs are a 400, not a stack overflow", async () => {
    expect(errorOf(await search({ filter: NESTED_5000 }))).toEqual(invalid(TOO_DEEP));
    expect(errorOf(await search({ filter: `${"NOT ".repeat(5000)}metrics.loss > 0` }))).toEqual(invalid(TOO_DEEP));
  });

  it("a 1 MB filter is a 400 that does not echo it", async () => {
    const res = await search({ filter: `run_id IN (${repeat(`'${runIds[0]}'`, 25_000, ", ")})` });
    expect(errorOf(res)).toEqual(invalid("Invalid filter: the filter is too long (900,010 characters); the limit is 65,536."));
    expect(res.text.length).toBeLessThan(500);
  });

  it("70,000 experiment ids (more than PostgreSQL's 65,535 bind parameters) are searched", async () => {
    const ids = [experimentId, ...Array.from({ length: 69_999 }, (_, i) => String(1_000_000 + i))];
    const res = await post("runs/search", { experiment_ids: ids, order_by: ["metrics.loss ASC"] }, within(20_000));
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    expect(names(res.body)).toEqual(["low", "high"]);
  });

  it("830 order_by keys are a 400 on every search", async () => {
    const orderBy = Array.from({ length: 830 }, (_, i) => `metrics.m${i} DESC`);
    const tooMany = invalid("Invalid order_by: 830 keys; the limit is 32.");
    expect(errorOf(await search({ order_by: orderBy }))).toEqual(tooMany);
    expect(errorOf(await post("experiments/search", { order_by: orderBy }, within(10_000)))).toEqual(tooMany);
    expect(errorOf(await get("registered-models/search", { order_by: orderBy.slice(0, 33) }))).toEqual(invalid("Invalid order_by: 33 keys; the limit is 32."));
    const models = await post("logged-models/search", { experiment_ids: [experimentId], order_by: orderBy.map((f) => ({ field_name: f })) }, within(10_000));
    expect(errorOf(models)).toEqual(tooMany);
  });

  it("a page token edited to hold booleans (or other wrong types) is a 400", async () => {
    const first = await search({ max_results: 1, order_by: ["metrics.loss DESC"] });
    expect(first.status, first.text).toBe(200);
    const state = JSON.parse(Buffer.from(first.body.next_page_token, "base64").toString("utf8"));
    for (const after of [state.after.map(() => true), state.after.map(() => "x"), state.after.map(() => 1.5)]) {
      const token = Buffer.from(JSON.stringify({ ...state, after })).toString("base64");
      const res = await search({ max_results: 1, order_by: ["metrics.loss DESC"], page_token: token });
      expect(errorOf(res)).toEqual(invalid("Invalid page token"));
    }
  });

  it("the other searches apply the same filter limits", async () => {
    expect(errorOf(await post("experiments/search", { filter: NESTED_5000.replace("metrics.loss", "name").replace("> 0", "= 'x'") }, within(10_000)))).toEqual(invalid(TOO_DEEP));
    expect(errorOf(await get("registered-models/search", { filter: repeat("name = 'x'", 101) }))).toEqual(invalid(TOO_MANY));
    expect(errorOf(await get("model-versions/search", { filter: repeat("name = 'x'", 101) }))).toEqual(invalid(TOO_MANY));
    const models = await post("logged-models/search", { experiment_ids: [experimentId], filter: repeat("metrics.loss > 0", 101) }, within(10_000));
    expect(errorOf(models)).toEqual(invalid(TOO_MANY));
  });

  it("through tRPC (the UI): the same 400s", async () => {
    const runs = await trpcQuery("runs.search", { experimentIds: [experimentId], filter: NESTED_5000 });
    expect(runs.status).toBe(400);
    expect(runs.body.error.message).toContain(TOO_DEEP);
    const table = await trpcQuery("runsTable.page", { experimentIds: [experimentId], filter: repeat("metrics.loss > 0", 101) });
    expect(table.status).toBe(400);
    expect(table.body.error.message).toContain(TOO_MANY);
    const experiments = await trpcQuery("experimentList.search", { orderBy: Array.from({ length: 40 }, () => "name") });
    expect(experiments.status).toBe(400);
    expect(experiments.body.error.message).toContain("Invalid order_by: 40 keys; the limit is 32.");
  });
});
