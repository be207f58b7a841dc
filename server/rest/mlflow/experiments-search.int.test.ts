import { describe, expect, it } from "vitest";
import { createExperiment, errorOf, get, post, uniqueName, type ApiResponse } from "../../testing/api";

// The server is shared with other test files, so every search is narrowed to the experiments
// one test created: their names all start with a prefix unique to that test.

interface Group {
  prefix: string;
  /** suffix → experiment id */
  ids: Record<string, string>;
}

/**
 * Creates `${prefix}-${suffix}` for each suffix, in order and a few ms apart, so that
 * creation_time (the default sort key) orders them strictly.
 */
async function createGroup(suffixes: string[], extra: Record<string, Record<string, unknown>> = {}): Promise<Group> {
  const prefix = uniqueName("search");
  const ids: Record<string, string> = {};
  for (const suffix of suffixes) {
    ids[suffix] = await createExperiment(`${prefix}-${suffix}`, extra[suffix]);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { prefix, ids };
}

const search = (body: Record<string, unknown>) => post("experiments/search", body);
const inGroup = (group: Group, filter?: string) => `name LIKE '${group.prefix}-%'${filter ? ` AND ${filter}` : ""}`;

/** The suffixes of the experiments in a search reply, in reply order. */
function suffixesOf(group: Group, res: ApiResponse): string[] {
  expect(res.status).toBe(200);
  return (res.body.experiments ?? []).map((e: { name: string }) => e.name.slice(group.prefix.length + 1));
}

/** One experiment of the group as search replies it (active unless `extra` says otherwise; times vary). */
const replyOf = (group: Group, suffix: string, extra: Record<string, unknown> = {}) => ({
  experiment_id: group.ids[suffix],
  name: `${group.prefix}-${suffix}`,
  artifact_location: `mlflow-artifacts:/${group.ids[suffix]}`,
  lifecycle_stage: "active",
  creation_time: expect.any(Number),
  last_update_time: expect.any(Number),
  ...extra,
});

const HINT = "See the API docs for more information about request parameters.";
const invalid = (message: string) => ({ status: 400, code: "INVALID_PARAMETER_VALUE", message });

describe("experiments/search filters", () => {
  it("filters on name with =, !=, LIKE (case-sensitive) and ILIKE", async () => {
    const group = await createGroup(["alpha", "beta", "Gamma"]);
    const exact = await search({ filter: `name = '${group.prefix}-alpha'` });
    expect(exact.body).toEqual({
      experiments: [
        replyOf(group, "alpha"),
      ],
    });
    expect(suffixesOf(group, await search({ filter: inGroup(group, `name != '${group.prefix}-beta'`) }))).toEqual(["Gamma", "alpha"]);
    // Nothing matches: protobuf leaves the empty list out, so the reply is {}.
    const none = await search({ filter: `name LIKE '${group.prefix}-g%'` });
    expect({ status: none.status, body: none.body }).toEqual({ status: 200, body: {} });
    const upper = group.prefix.toUpperCase();
    expect(suffixesOf(group, await search({ filter: `name ILIKE '${upper}-G%'` }))).toEqual(["Gamma"]);
    expect(suffixesOf(group, await search({ filter: `attribute.name ILIKE '${upper}-%A'` }))).toEqual(["Gamma", "beta", "alpha"]);
  });

  it("filters on tags; a missing tag never matches, not even !=", async () => {
    const group = await createGroup(["a", "b", "c"], {
      a: { tags: [{ key: "env", value: "prod" }, { key: "owner", value: "ada" }] },
      b: { tags: [{ key: "env", value: "dev" }, { key: "team.name", value: "vision" }] },
    });
    const prod = await search({ filter: inGroup(group, "tags.env = 'prod'") });
    expect(prod.body).toEqual({
      experiments: [
        replyOf(group, "a", {
          tags: [
            { key: "env", value: "prod" },
            { key: "owner", value: "ada" },
          ],
        }),
      ],
    });
    const cases: [string, string[]][] = [
      ["tags.env != 'prod'", ["b"]],
      ["tags.env LIKE 'p%'", ["a"]],
      ["tags.env LIKE 'P%'", []],
      ["tags.env ILIKE 'DE%'", ["b"]],
      ["tag.owner = 'ada'", ["a"]],
      ["tags.`team.name` = 'vision'", ["b"]],
      ["tags.env = 'prod' AND tags.owner = 'nobody'", []],
    ];
    for (const [filter, expected] of cases) {
      expect(suffixesOf(group, await search({ filter: inGroup(group, filter) })), filter).toEqual(expected);
    }
  });

  it("compares creation_time and last_update_time numerically", async () => {
    const group = await createGroup(["0", "1", "2"]);
    const times = await Promise.all(
      ["0", "1", "2"].map(async (s) => (await get("experiments/get", { experiment_id: group.ids[s] })).body.experiment.creation_time),
    );
    expect(times[0]).toBeLessThan(times[1]);
    expect(times[1]).toBeLessThan(times[2]);
    const cases: [string, string[]][] = [
      [`creation_time > ${times[0]}`, ["2", "1"]],
      [`creation_time <= ${times[1]}`, ["1", "0"]],
      [`creation_time = ${times[1]}`, ["1"]],
      [`creation_time != ${times[1]}`, ["2", "0"]],
      [`creation_time >= ${times[1]} AND creation_time < ${times[2]}`, ["1"]],
      [`last_update_time >= ${times[2]}`, ["2"]],
    ];
    for (const [filter, expected] of cases) {
      expect(suffixesOf(group, await search({ filter: inGroup(group, filter) })), filter).toEqual(expected);
    }
  });

  it("rejects bad filters with INVALID_PARAMETER_VALUE", async () => {
    const cases: [string, string][] = [
      ["name = ", "Invalid filter 'name = ': expected a value after '=' at the end of the filter (position 7)"],
      ["foo = 'x'", "Invalid attribute key 'foo' at position 0. Experiments can be searched by name, creation_time, last_update_time and tags.<key>"],
      ["params.lr = '1'", "Invalid entity type 'params' at position 0. Valid entity types are attribute., tag. and tags."],
      ["name > 'a'", "Invalid comparator '>' for 'name' at position 0; expected one of =, !=, LIKE, ILIKE"],
      ["name IN ('a', 'b')", "Invalid comparator 'IN' for 'name' at position 0; expected one of =, !=, LIKE, ILIKE"],
      ["creation_time LIKE '1%'", "Invalid comparator 'LIKE' for 'creation_time' at position 0; expected one of =, !=, <, <=, >, >="],
      ["creation_time > 'abc'", "Expected a numeric value for 'creation_time' at position 0, found 'abc'"],
      ["name = 'a' name = 'b'", "Invalid filter 'name = 'a' name = 'b'': unexpected 'name'; expected AND, OR or the end of the filter at position 11"],
      ["name = 'a", "Invalid filter: unterminated ' quote starting at position 7 in 'name = 'a'"],
      // Names every JavaScript object inherits must not be taken for attributes.
      ["toString > 1", "Invalid attribute key 'toString' at position 0. Experiments can be searched by name, creation_time, last_update_time and tags.<key>"],
    ];
    for (const [filter, message] of cases) {
      expect(errorOf(await search({ filter })), filter).toEqual(invalid(message));
    }
  });
});

describe("experiments/search order, paging and view type", () => {
  it("orders by creation_time DESC by default, or by order_by", async () => {
    const group = await createGroup(["c", "a", "b"]);
    const cases: [string[] | undefined, string[]][] = [
      [undefined, ["b", "a", "c"]],
      [["name"], ["a", "b", "c"]],
      [["name DESC"], ["c", "b", "a"]],
      [["creation_time ASC"], ["c", "a", "b"]],
      [["experiment_id DESC"], ["b", "a", "c"]],
      [["attribute.last_update_time asc"], ["c", "a", "b"]],
    ];
    for (const [orderBy, expected] of cases) {
      const res = await search({ filter: inGroup(group), ...(orderBy && { order_by: orderBy }) });
      expect(suffixesOf(group, res), String(orderBy)).toEqual(expected);
    }
    // GET takes order_by as a (repeatable) query key.
    const viaGet = await get("experiments/search", { filter: inGroup(group), order_by: ["name DESC"] });
    expect(suffixesOf(group, viaGet)).toEqual(["c", "b", "a"]);
  });

  it("rejects unknown order_by keys", async () => {
    expect(errorOf(await search({ order_by: ["tags.env"] }))).toEqual(
      invalid("Invalid order_by clause 'tags.env'. Experiments can be ordered by name, experiment_id, creation_time and last_update_time"),
    );
    expect(errorOf(await search({ order_by: ["constructor"] }))).toEqual(
      invalid("Invalid order_by clause 'constructor'. Experiments can be ordered by name, experiment_id, creation_time and last_update_time"),
    );
    expect(errorOf(await search({ order_by: ["name sideways"] }))).toEqual(
      invalid("Invalid order_by clause 'name sideways': expected ASC or DESC at position 5"),
    );
  });

  it("pages with next_page_token until the last page, over POST and GET", async () => {
    const group = await createGroup(["1", "2", "3", "4", "5"]);
    const request = { filter: inGroup(group), order_by: ["name ASC"], max_results: 2 };
    const pages: string[][] = [];
    let token: string | undefined;
    do {
      const res = await search({ ...request, ...(token && { page_token: token }) });
      pages.push(suffixesOf(group, res));
      token = res.body.next_page_token;
      expect(Object.keys(res.body).sort()).toEqual(token ? ["experiments", "next_page_token"] : ["experiments"]);
    } while (token && pages.length < 10);
    expect(pages).toEqual([["1", "2"], ["3", "4"], ["5"]]);

    const first = await get("experiments/search", { filter: inGroup(group), order_by: "name ASC", max_results: "2" });
    expect(suffixesOf(group, first)).toEqual(["1", "2"]);
    const second = await get("experiments/search", {
      filter: inGroup(group),
      order_by: "name ASC",
      max_results: "2",
      page_token: first.body.next_page_token,
    });
    expect(suffixesOf(group, second)).toEqual(["3", "4"]);

    // A page that ends exactly at the last match carries no token.
    const exact = await search({ filter: inGroup(group), max_results: 5 });
    expect(exact.body.next_page_token).toBeUndefined();
    expect(exact.body.experiments).toHaveLength(5);
  });

  it("rejects a page token the server did not issue", async () => {
    expect(errorOf(await search({ page_token: "not-a-token" }))).toEqual(
      invalid("Invalid page token 'not-a-token'. Page tokens must come from a previous response."),
    );
    const negative = Buffer.from(JSON.stringify({ offset: -1 })).toString("base64");
    expect(errorOf(await get("experiments/search", { page_token: negative }))).toEqual(
      invalid(`Invalid page token '${negative}'. Page tokens must come from a previous response.`),
    );
  });

  it("accepts max_results from 1 to 50000 only", async () => {
    const group = await createGroup(["x"]);
    expect(suffixesOf(group, await search({ filter: inGroup(group), max_results: 50000 }))).toEqual(["x"]);
    expect(suffixesOf(group, await search({ filter: inGroup(group), max_results: "1" }))).toEqual(["x"]);
    const cases: [unknown, string][] = [
      [0, "Too small: expected number to be >=1"],
      [-5, "Too small: expected number to be >=1"],
      [50001, "Too big: expected number to be <=50000"],
      ["ten", "expected an integer"],
    ];
    for (const [value, reason] of cases) {
      expect(errorOf(await search({ max_results: value })), String(value)).toEqual(
        invalid(`Invalid value ${JSON.stringify(value)} for parameter 'max_results' supplied: ${reason}. ${HINT}`),
      );
    }
  });

  it("returns active, deleted or all experiments by view_type", async () => {
    const group = await createGroup(["live", "gone"]);
    await post("experiments/delete", { experiment_id: group.ids.gone });
    const cases: [unknown, string[]][] = [
      [undefined, ["live"]],
      ["ACTIVE_ONLY", ["live"]],
      ["DELETED_ONLY", ["gone"]],
      ["ALL", ["gone", "live"]],
      [2, ["gone"]],
    ];
    for (const [viewType, expected] of cases) {
      const res = await search({ filter: inGroup(group), ...(viewType !== undefined && { view_type: viewType }) });
      expect(suffixesOf(group, res), String(viewType)).toEqual(expected);
    }
    const deleted = await get("experiments/search", { filter: inGroup(group), view_type: "DELETED_ONLY" });
    expect(deleted.body).toEqual({
      experiments: [
        replyOf(group, "gone", { lifecycle_stage: "deleted" }),
      ],
    });
    expect(suffixesOf(group, await get("experiments/search", { filter: inGroup(group), view_type: "ALL" }))).toEqual(["gone", "live"]);

    expect(errorOf(await search({ view_type: "EVERYTHING" }))).toEqual(
      invalid(`Invalid value "EVERYTHING" for parameter 'view_type' supplied: expected one of ACTIVE_ONLY, DELETED_ONLY, ALL. ${HINT}`),
    );
  });
});
