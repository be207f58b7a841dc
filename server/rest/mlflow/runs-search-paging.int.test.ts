import { beforeAll, describe, expect, it } from "vitest";
import { createExperiment, createRun, errorOf, post, uniqueName } from "../../testing/api";

// Keyset paging: walking pages of any size must yield exactly the rows of one big page, in the
// same order, whatever the sort keys (ties, NaN, missing values, nullable attributes).

let experimentId: string;
const runIds: string[] = [];

beforeAll(async () => {
  experimentId = await createExperiment(uniqueName("paging"));
  for (let i = 0; i < 25; i++) {
    // Five runs share each start time, so the run_id tie-break matters.
    const runId = await createRun(experimentId, { start_time: 1_000 + Math.floor(i / 5) });
    runIds.push(runId);
    const metrics =
      i < 20 ? [{ key: "m", value: i < 2 ? "NaN" : i % 5, timestamp: 1, step: 0 }] : []; // 2 NaN, 5 missing
    const params = i % 3 === 0 ? [] : [{ key: "p", value: `v${i % 4}` }];
    await post("runs/log-batch", { run_id: runId, metrics, params });
    if (i % 2 === 0) await post("runs/update", { run_id: runId, status: "FINISHED", end_time: 5_000 + (i % 7) });
  }
});

async function search(body: Record<string, unknown>) {
  const res = await post("runs/search", { experiment_ids: [experimentId], ...body });
  expect(res.status, res.text).toBe(200);
  return res.body as { runs?: { info: { run_id: string } }[]; next_page_token?: string };
}

async function walk(orderBy: string[], pageSize: number, filter?: string): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < 100; page++) {
    const body = await search({ order_by: orderBy, max_results: pageSize, page_token: token, filter });
    ids.push(...(body.runs ?? []).map((r) => r.info.run_id));
    token = body.next_page_token;
    if (!token) return ids;
  }
  throw new Error("paging did not end");
}

describe("runs/search keyset paging", () => {
  const orders = [
    [],
    ["metrics.m DESC"],
    ["metrics.m ASC"],
    ["params.p ASC", "metrics.m DESC"],
    ["attributes.end_time ASC"],
    ["attributes.end_time DESC", "params.p DESC"],
    ["attributes.run_name ASC"],
  ];

  for (const orderBy of orders) {
    it(`pages through order_by ${JSON.stringify(orderBy)} without gaps or duplicates`, async () => {
      const all = (await search({ order_by: orderBy, max_results: 1000 })).runs!.map((r) => r.info.run_id);
      expect(all).toHaveLength(25);
      for (const size of [1, 4, 7]) expect(await walk(orderBy, size)).toEqual(all);
    });
  }

  it("pages through a filtered search", async () => {
    const filter = "metrics.m >= 1";
    const all = (await search({ filter, order_by: ["metrics.m DESC"], max_results: 1000 })).runs!.map((r) => r.info.run_id);
    expect(all).toHaveLength(15); // i = 2..19 with i % 5 >= 1
    expect(await walk(["metrics.m DESC"], 3, filter)).toEqual(all);
  });

  // Equalities during a walk in metric order are checked as hashed sets of runs (a different SQL
  // shape from the one other orders use), in each part of the order: numbers, NaN, missing.
  const walkedFilters: [string, number[]][] = [
    ["params.p = 'v2'", [14, 2, 10, 22]], // m = 4, 2, 0, missing
    ["params.p = 'v1'", [13, 17, 5, 1]], // m = 3, 2, 0, NaN; 17 before 5 … by start_time DESC
    ["params.p = 'v1' and metrics.m > 0", [13, 17]],
    ["params.p = 'v1' or params.p = 'v2'", [14, 13, 17, 2, 10, 5, 1, 22]],
  ];
  it.each(walkedFilters)("pages through filter %s ordered by metrics.m DESC", async (filter, expected) => {
    for (const size of [1, 3, 1000]) expect(await walk(["metrics.m DESC"], size, filter)).toEqual(expected.map((i) => runIds[i]));
  });

  it("refuses a page token from a different search", async () => {
    const first = await search({ order_by: ["metrics.m DESC"], max_results: 2 });
    const res = await post("runs/search", {
      experiment_ids: [experimentId],
      order_by: ["metrics.m ASC"],
      max_results: 2,
      page_token: first.next_page_token,
    });
    expect(errorOf(res)).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message: `Invalid page token '${first.next_page_token}': it belongs to a different search (experiment ids, filter, order_by or view type changed).`,
    });
  });
});
