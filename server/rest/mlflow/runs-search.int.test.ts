import { beforeAll, describe, expect, it } from "vitest";
import { createExperiment, createRun, get, ok, post, runNames, uniqueName } from "../../testing/api";

const T = 1_700_000_000_000;

describe("POST runs/search", () => {
  let exp1: string;
  let exp2: string;
  const ids: Record<string, string> = {};

  /**
   * exp1: alpha (FINISHED, t+1000), beta (FAILED, t+2000), gamma and delta (RUNNING, both t+3000),
   * epsilon (deleted, t+500). exp2: zeta (t+4000).
   */
  beforeAll(async () => {
    exp1 = await createExperiment(uniqueName("search"));
    exp2 = await createExperiment(uniqueName("search-other"));
    const make = async (experimentId: string, name: string, startTime: number, tags: { key: string; value: string }[] = []) => {
      ids[name] = await createRun(experimentId, { run_name: name, start_time: startTime, user_id: "ada", tags });
    };
    await make(exp1, "alpha", T + 1000, [
      { key: "team", value: "vision" },
      { key: "env.name", value: "prod" },
    ]);
    await make(exp1, "beta", T + 2000, [{ key: "team", value: "nlp" }]);
    await make(exp1, "gamma", T + 3000);
    await make(exp1, "delta", T + 3000);
    await make(exp1, "epsilon", T + 500);
    await make(exp2, "zeta", T + 4000);

    const batch = (name: string, body: Record<string, unknown>) => ok(post("runs/log-batch", { run_id: ids[name], ...body }));
    /** acc at steps 0 and 1 (timestamps 10, 20), loss at step 1, and the lr and opt params. */
    const trained = (name: string, acc: [number, number], loss: number, lr: string, opt: string) =>
      batch(name, {
        metrics: [
          { key: "acc", value: acc[0], timestamp: 10, step: 0 },
          { key: "acc", value: acc[1], timestamp: 20, step: 1 },
          { key: "loss", value: loss, timestamp: 20, step: 1 },
        ],
        params: [
          { key: "lr", value: lr },
          { key: "opt", value: opt },
        ],
      });
    await trained("alpha", [0.1, 0.9], 0.3, "0.01", "adam");
    // beta's history once reached 0.95, but its latest acc is 0.5: filters see the latest value.
    await trained("beta", [0.95, 0.5], 0.8, "0.1", "sgd");
    await batch("gamma", { params: [{ key: "lr", value: "0.001" }] });
    await batch("delta", { metrics: [{ key: "acc", value: 0.7, timestamp: 5, step: 0 }] });
    await batch("zeta", { metrics: [{ key: "acc", value: 0.8, timestamp: 5, step: 0 }] });
    await ok(post("runs/update", { run_id: ids.alpha, status: "FINISHED", end_time: T + 5000 }));
    await ok(post("runs/update", { run_id: ids.beta, status: "FAILED", end_time: T + 6000 }));
    await ok(post("runs/delete", { run_id: ids.epsilon }));
  });

  const search = (body: Record<string, unknown> = {}) => post("runs/search", { experiment_ids: [exp1], ...body });
  /** gamma and delta share a start time and tie on everything else: run_id decides. */
  const sameStart = () => [ids.gamma, ids.delta].sort().map((id) => (id === ids.gamma ? "gamma" : "delta"));
  /** Expected names, with "TIE" standing for gamma and delta in run_id order. */
  const expand = (expected: string[]) => expected.flatMap((n) => (n === "TIE" ? sameStart() : [n]));

  it("returns whole runs, as runs/get does", async () => {
    const res = await ok(search({ filter: "run_name = 'alpha'" }));
    const run = (await ok(get("runs/get", { run_id: ids.alpha }))).body.run;
    expect(res.body).toEqual({ runs: [run] });
    expect(run).toEqual({
      info: {
        run_id: ids.alpha,
        run_uuid: ids.alpha,
        run_name: "alpha",
        experiment_id: exp1,
        user_id: "ada",
        status: "FINISHED",
        start_time: T + 1000,
        end_time: T + 5000,
        artifact_uri: expect.stringMatching(new RegExp(`/${ids.alpha}/artifacts$`)),
        lifecycle_stage: "active",
      },
      data: {
        metrics: [
          { key: "acc", value: 0.9, timestamp: 20, step: 1 },
          { key: "loss", value: 0.3, timestamp: 20, step: 1 },
        ],
        params: [
          { key: "lr", value: "0.01" },
          { key: "opt", value: "adam" },
        ],
        tags: [
          { key: "env.name", value: "prod" },
          { key: "mlflow.runName", value: "alpha" },
          { key: "team", value: "vision" },
        ],
      },
      inputs: {},
      outputs: {},
    });
  });

  it("orders by start_time DESC then run_id by default and hides deleted runs", async () => {
    expect(runNames(await ok(search()))).toEqual([...sameStart(), "beta", "alpha"]);
  });

  const filters: [string, string[]][] = [
    // Metrics compare the latest value; a run without the metric never matches.
    ["metrics.acc > 0.6", ["delta", "alpha"]],
    ["metrics.acc > 0.92", []],
    ["metrics.acc = 0.5", ["beta"]],
    ["metrics.acc != 0.5", ["delta", "alpha"]],
    ["metrics.acc >= 0.5 and metrics.loss < 0.5", ["alpha"]],
    ["metrics.loss <= 0.8", ["beta", "alpha"]],
    ["metrics.missing < 100", []],
    // Params and tags compare strings; != does not match runs lacking the key.
    ["params.lr = '0.1'", ["beta"]],
    ["params.opt != 'adam'", ["beta"]],
    ["params.opt LIKE 'a%'", ["alpha"]],
    ["params.opt LIKE 'A%'", []],
    ["params.opt ILIKE 'SG%'", ["beta"]],
    ["tags.team = 'vision'", ["alpha"]],
    ["tags.team != 'vision'", ["beta"]],
    ["tags.`env.name` = 'prod'", ["alpha"]],
    ["tags.`mlflow.runName` = 'beta'", ["beta"]],
    ['tags."mlflow.runName" LIKE \'%ta\'', ["delta", "beta"]],
    // Attributes, with and without prefix.
    ["status = 'FINISHED'", ["alpha"]],
    ["attributes.status != 'RUNNING'", ["beta", "alpha"]],
    ["run_name = 'gamma'", ["gamma"]],
    ["attribute.run_name LIKE 'g%'", ["gamma"]],
    ["user_id = 'ada' and run_name ILIKE 'ALPHA'", ["alpha"]],
    [`start_time > ${T + 1500}`, ["TIE", "beta"]],
    [`attributes.start_time >= ${T + 3000}`, ["TIE"]],
    [`start_time = ${T + 1000}`, ["alpha"]],
    [`end_time < ${T + 5500}`, ["alpha"]],
    // Aliases of the prefixes.
    ["metric.acc > 0.8", ["alpha"]],
    ["param.lr = '0.01'", ["alpha"]],
    ["parameters.lr = '0.001'", ["gamma"]],
    ["tag.team = 'nlp'", ["beta"]],
    ["attr.status = 'FAILED'", ["beta"]],
    ["run.run_name = 'alpha'", ["alpha"]],
    // AND in any case.
    ["params.opt = 'adam' AND tags.team = 'vision'", ["alpha"]],
    ["params.opt = 'adam' aNd tags.team = 'nlp'", []],
    ["metrics.acc > 0 and params.lr != '0.01' and status = 'FAILED'", ["beta"]],
  ];

  it.each(filters)("filter %s", async (filter, expected) => {
    expect(runNames(await ok(search({ filter })))).toEqual(expand(expected));
  });

  it("filters by run_id IN (...) and NOT IN (...)", async () => {
    expect(runNames(await ok(search({ filter: `run_id IN ('${ids.alpha}', '${ids.gamma}', '${ids.zeta}')` })))).toEqual(["gamma", "alpha"]);
    expect(runNames(await ok(search({ filter: `run_id NOT IN ('${ids.alpha}', '${ids.gamma}')` })))).toEqual(["delta", "beta"]);
  });

  const orders: [string[], string[]][] = [
    [["metrics.acc DESC"], ["alpha", "delta", "beta", "gamma"]],
    [["metrics.acc"], ["beta", "delta", "alpha", "gamma"]],
    [["metrics.acc asc"], ["beta", "delta", "alpha", "gamma"]],
    [["params.lr ASC"], ["gamma", "alpha", "beta", "delta"]],
    [["params.lr DESC"], ["beta", "alpha", "gamma", "delta"]],
    [["tags.team ASC"], ["beta", "alpha", "TIE"]],
    [["run_name ASC"], ["alpha", "beta", "delta", "gamma"]],
    [["attributes.run_name DESC"], ["gamma", "delta", "beta", "alpha"]],
    [["status ASC", "run_name DESC"], ["beta", "alpha", "gamma", "delta"]],
    [["metrics.loss DESC", "run_name ASC"], ["beta", "alpha", "delta", "gamma"]],
  ];

  it.each(orders)("order_by %j (missing values last)", async (orderBy, expected) => {
    expect(runNames(await ok(search({ order_by: orderBy })))).toEqual(expand(expected));
  });

  it("orders by start_time ASC with run_id as the tie-break", async () => {
    expect(runNames(await ok(search({ order_by: ["attributes.start_time ASC"] })))).toEqual(["alpha", "beta", ...sameStart()]);
  });

  it("selects deleted runs with run_view_type DELETED_ONLY and all runs with ALL", async () => {
    expect(runNames(await ok(search({ run_view_type: "DELETED_ONLY" })))).toEqual(["epsilon"]);
    expect(runNames(await ok(search({ run_view_type: "ALL" })))).toEqual([...sameStart(), "beta", "alpha", "epsilon"]);
    expect(runNames(await ok(search({ run_view_type: "ACTIVE_ONLY" })))).toEqual([...sameStart(), "beta", "alpha"]);
  });

  it("searches several experiments at once", async () => {
    const res = await ok(post("runs/search", { experiment_ids: [exp1, exp2], filter: "metrics.acc > 0.6" }));
    expect(runNames(res)).toEqual(["zeta", "delta", "alpha"]);
    expect(res.body.runs.map((r: { info: { experiment_id: string } }) => r.info.experiment_id)).toEqual([exp2, exp1, exp1]);
  });

  it("answers {} when nothing matches", async () => {
    expect((await ok(search({ filter: "run_name = 'nobody'" }))).body).toEqual({});
  });

  it("pages through 7 runs 3 at a time without duplicates or gaps", async () => {
    const experimentId = await createExperiment(uniqueName("search-pages"));
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push(await createRun(experimentId, { run_name: `p${i}`, start_time: T + i }));
    const pages: string[][] = [];
    const tokens: (string | undefined)[] = [];
    let token: string | undefined;
    do {
      const res = await ok(post("runs/search", { experiment_ids: [experimentId], max_results: 3, ...(token && { page_token: token }) }));
      pages.push(res.body.runs.map((r: { info: { run_id: string } }) => r.info.run_id));
      token = res.body.next_page_token;
      tokens.push(token);
    } while (token && pages.length < 10);
    const newestFirst = [...created].reverse();
    expect(pages).toEqual([newestFirst.slice(0, 3), newestFirst.slice(3, 6), newestFirst.slice(6)]);
    expect(tokens).toEqual([expect.any(String), expect.any(String), undefined]);
  });

  it("rejects max_results outside 1..50000, bad page tokens and malformed filters with INVALID_PARAMETER_VALUE", async () => {
    for (const maxResults of [0, 50001]) {
      const res = await search({ max_results: maxResults });
      expect({ status: res.status, body: res.body }).toEqual({
        status: 400,
        body: {
          error_code: "INVALID_PARAMETER_VALUE",
          message: `Invalid value ${maxResults} for parameter 'max_results' supplied. It must be at least 1 and at most 50000.`,
        },
      });
    }
    for (const orderBy of ["attributes.toString", "attr.constructor DESC"]) {
      const res = await search({ order_by: [orderBy] });
      expect({ status: res.status, code: res.body.error_code }).toEqual({ status: 400, code: "INVALID_PARAMETER_VALUE" });
      expect(res.body.message).toContain(`Invalid order_by clause '${orderBy}': unknown attribute`);
    }
    const badToken = await search({ page_token: "nope" });
    expect({ status: badToken.status, code: badToken.body.error_code }).toEqual({ status: 400, code: "INVALID_PARAMETER_VALUE" });

    // [filter, position of the offending token]
    const malformed: [string, number][] = [
      ["metrics.acc >> 1", 13],
      ["params.lr = '0.1' params.opt = 'adam'", 18],
      ["metrics.acc > 1 AND foo = 'x'", 20],
      ["bogus.key = 'x'", 0],
      ["params.lr > '1'", 0],
      ["params.lr = 1", 0],
      ["metrics.acc LIKE 'x'", 0],
      ["params.lr = 'unterminated", 12],
      // Names every JavaScript object inherits must not be taken for attributes.
      ["attributes.toString = 'x'", 0],
      ["attributes.constructor > 1", 0],
      ["attr.__proto__ = 'x'", 0],
    ];
    for (const [filter, position] of malformed) {
      const res = await search({ filter });
      expect({ filter, status: res.status, code: res.body.error_code }).toEqual({ filter, status: 400, code: "INVALID_PARAMETER_VALUE" });
      expect(res.body.message).toMatch(new RegExp(`at position ${position}(?!\\d)`));
    }
  });
});
