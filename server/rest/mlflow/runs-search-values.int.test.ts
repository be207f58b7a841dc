import { describe, expect, it } from "vitest";
import { createExperiment, createRun, ok, post, runNames, uniqueName } from "../../testing/api";

// Search over awkward values, each test with an experiment of its own: NaN and ±Infinity in
// metric orders across page boundaries, and exact matching past the indexed value prefix.

const T = 1_700_000_000_000;

describe("POST runs/search over awkward values", () => {
  it("orders NaN metrics after numbers and before missing ones, in both directions (as MLflow's SQL store)", async () => {
    const experimentId = await createExperiment(uniqueName("search-nan"));
    const values: [string, number | string | undefined][] = [
      ["one", 1],
      ["nan", "NaN"],
      ["three", 3],
      ["none", undefined],
      ["minus", -2],
      ["inf", "Infinity"],
      ["ninf", "-Infinity"],
      ["nan2", "NaN"],
      ["none2", undefined],
    ];
    for (const [name, value] of values) {
      const runId = await createRun(experimentId, { run_name: name, start_time: T });
      if (value !== undefined) await ok(post("runs/log-metric", { run_id: runId, key: "m", value, timestamp: 1, step: 0 }));
    }
    const page = (clause: string, maxResults: number, token?: string) =>
      ok(post("runs/search", { experiment_ids: [experimentId], order_by: [clause], max_results: maxResults, page_token: token }));
    // Ties (same start time) are broken by run_id; pages of 1 and 2 cross from numbers to NaN to missing.
    const byRunId = async (a: string, b: string) => {
      const all = (await ok(post("runs/search", { experiment_ids: [experimentId], filter: `run_name IN ('${a}', '${b}')` }))).body.runs;
      return all.map((r: { info: { run_id: string; run_name: string } }) => r.info).sort((x: { run_id: string }, y: { run_id: string }) => (x.run_id < y.run_id ? -1 : 1)).map((r: { run_name: string }) => r.run_name);
    };
    const nans = await byRunId("nan", "nan2");
    const nones = await byRunId("none", "none2");
    const expected = {
      "metrics.m DESC": ["inf", "three", "one", "minus", "ninf", ...nans, ...nones],
      "metrics.m ASC": ["ninf", "minus", "one", "three", "inf", ...nans, ...nones],
    };
    for (const [clause, order] of Object.entries(expected)) {
      expect(runNames(await page(clause, 100))).toEqual(order);
      for (const size of [1, 2]) {
        const walked: string[] = [];
        let token: string | undefined;
        do {
          const res = await page(clause, size, token);
          walked.push(...runNames(res));
          token = res.body.next_page_token;
        } while (token && walked.length < 20);
        expect({ clause, size, walked }).toEqual({ clause, size, walked: order });
      }
    }
  });

  it("orders by duration and by a metric's history min/max (Metron extensions), missing last, across pages", async () => {
    const experimentId = await createExperiment(uniqueName("search-extremes"));
    // [name, duration ms (undefined: still running), history of metric m]
    const runsToLog: [string, number | undefined, (number | string)[]][] = [
      ["a", 5000, [3, 1, "NaN"]],
      ["b", 1000, [2]],
      ["c", undefined, ["NaN"]],
      ["d", 3000, []],
      ["e", 2000, [0.5, 4]],
    ];
    const idOf: Record<string, string> = {};
    for (const [name, duration, history] of runsToLog) {
      const runId = await createRun(experimentId, { run_name: name, start_time: T });
      idOf[name] = runId;
      if (duration !== undefined) await ok(post("runs/update", { run_id: runId, status: "FINISHED", end_time: T + duration }));
      const metrics = history.map((value, step) => ({ key: "m", value, timestamp: T + step, step }));
      if (metrics.length > 0) await ok(post("runs/log-batch", { run_id: runId, metrics }));
    }
    // Runs without a value tie on start_time and fall back to run_id order.
    const tail = (...names: string[]) => names.sort((x, y) => (idOf[x] < idOf[y] ? -1 : 1));
    const expected: Record<string, string[]> = {
      "attributes.duration ASC": ["b", "e", "d", "a", "c"],
      "attributes.duration DESC": ["a", "d", "e", "b", "c"],
      "metrics.`m@min` ASC": ["e", "a", "b", ...tail("c", "d")],
      "metrics.`m@min` DESC": ["b", "a", "e", ...tail("c", "d")],
      "metrics.`m@max` DESC": ["e", "a", "b", ...tail("c", "d")],
      "metrics.`m@max` ASC": ["b", "a", "e", ...tail("c", "d")],
    };
    for (const [clause, order] of Object.entries(expected)) {
      const walked: string[] = [];
      let token: string | undefined;
      do {
        const res = await ok(post("runs/search", { experiment_ids: [experimentId], order_by: [clause], max_results: 2, page_token: token }));
        walked.push(...runNames(res));
        token = res.body.next_page_token;
      } while (token && walked.length < 10);
      expect({ clause, walked }).toEqual({ clause, walked: order });
    }
  });

  it("matches params and tags by exact value, also past the 200 characters the value index holds", async () => {
    const experimentId = await createExperiment(uniqueName("search-long"));
    const prefix = "x".repeat(199);
    // Values around the indexed prefix's length, sharing it, and with characters that take two
    // UTF-16 units (JS length) but one PostgreSQL character.
    const values: Record<string, string> = {
      short: "v",
      len199: prefix,
      len200: `${prefix}a`,
      len201: `${prefix}ab`,
      len201b: `${prefix}ac`,
      long: `${prefix}a${"y".repeat(5000)}`,
      astral: `${"😀".repeat(100)}`,
      astralLong: `${"😀".repeat(100)}z`,
    };
    for (const [name, value] of Object.entries(values)) {
      const runId = await createRun(experimentId, { run_name: name, start_time: T, tags: [{ key: "t", value }] });
      await ok(post("runs/log-batch", { run_id: runId, params: [{ key: "p", value }] }));
    }
    for (const [name, value] of Object.entries(values)) {
      for (const field of ["params.p", "tags.t"]) {
        const filter = `${field} = '${value}'`;
        const res = await ok(post("runs/search", { experiment_ids: [experimentId], filter }));
        expect({ field, name, found: runNames(res) }).toEqual({ field, name, found: [name] });
      }
    }
    const notEqual = await ok(post("runs/search", { experiment_ids: [experimentId], filter: `params.p != '${values.len200}'`, order_by: ["run_name ASC"] }));
    expect(runNames(notEqual)).toEqual(Object.keys(values).filter((n) => n !== "len200").sort());
  });
});
