import { PgDialect } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { compileLoggedModelSearch, loggedModelEntityOf, type DatasetRestriction, type LoggedModelOrder } from "./compile-logged-model-search";

const dialect = new PgDialect();
const render = (query: SQL | undefined) => {
  if (!query) return undefined;
  const { sql, params } = dialect.sqlToQuery(query);
  return { sql: sql.replace(/\s+/g, " ").trim(), params };
};
const where = (filter: string, datasets: DatasetRestriction[] = []) => render(compileLoggedModelSearch({ filter, datasets, orderBy: [] }).where);
const order = (orderBy: LoggedModelOrder[]) => {
  const plan = compileLoggedModelSearch({ datasets: [], orderBy });
  return { joins: plan.joins.map((j) => render(j)!), orderBy: plan.orderBy.map((o) => render(o)!.sql) };
};

describe("loggedModelEntityOf: prefix → entity", () => {
  it.each([
    ["metrics", "metric"],
    ["params", "param"],
    ["tags", "tag"],
    ["attributes", "attribute"],
    ["", "attribute"],
  ])("%j → %s", (prefix, entity) => {
    expect(loggedModelEntityOf({ prefix, key: "k", pos: 0 })).toBe(entity);
  });

  // MLflow 3.6 takes exactly the four plural, lower-case prefixes here (search_logged_model_utils.py).
  it.each(["datasets", "run", "attr", "parameters", "metric", "param", "tag", "attribute", "Metrics", "`params`"])("rejects the prefix %j (not in MLflow's logged-model grammar)", (prefix) => {
    expect(() => loggedModelEntityOf({ prefix, key: "k", pos: 3 })).toThrow(
      `Invalid entity type '${prefix}' at position 3. Expected one of metrics, params, tags or attributes.`,
    );
  });
});

describe("compileLoggedModelSearch: filter → SQL", () => {
  const metricExists = (condition: string, extra = "") =>
    `exists (select 1 from logged_model_metrics x where x.model_id = lm.model_id and x.metric_name = $1 and x.metric_value <> 'NaN'::float8 and ${condition}${extra})`;

  it.each([
    ["metrics.acc > 0.5", { sql: metricExists("x.metric_value > $2"), params: ["acc", 0.5] }],
    ["metrics.`val acc` != 1", { sql: metricExists("x.metric_value <> $2"), params: ["val acc", 1] }],
    ["params.lr = '0.1'", { sql: "exists (select 1 from logged_model_params kv where kv.model_id = lm.model_id and kv.param_key = $1 and kv.param_value = $2)", params: ["lr", "0.1"] }],
    ["tags.t IS NULL", { sql: "not exists (select 1 from logged_model_tags kv where kv.model_id = lm.model_id and kv.tag_key = $1)", params: ["t"] }],
    ["tags.t ILIKE 'a%'", { sql: "exists (select 1 from logged_model_tags kv where kv.model_id = lm.model_id and kv.tag_key = $1 and kv.tag_value ilike $2)", params: ["t", "a%"] }],
    ["name LIKE 'res%'", { sql: "lm.name like $1", params: ["res%"] }],
    ["attributes.model_id = 'm-1'", { sql: "lm.model_id = $1", params: ["m-1"] }],
    ["creation_time >= 5", { sql: "lm.creation_timestamp_ms >= $1", params: [5] }],
    ["last_updated_timestamp < 7", { sql: "lm.last_updated_timestamp_ms < $1", params: [7] }],
    ["creation_timestamp > 5.5", { sql: "lm.creation_timestamp_ms >= $1", params: [6] }],
    // IN / NOT IN on params, tags and the string attributes, as MLflow 3.6 takes them.
    ["params.x IN ('0', '4')", { sql: "exists (select 1 from logged_model_params kv where kv.model_id = lm.model_id and kv.param_key = $1 and kv.param_value in ($2, $3))", params: ["x", "0", "4"] }],
    ["tags.x NOT IN ('a')", { sql: "exists (select 1 from logged_model_tags kv where kv.model_id = lm.model_id and kv.tag_key = $1 and kv.tag_value not in ($2))", params: ["x", "a"] }],
    ["name NOT IN ('a', \"b\")", { sql: "lm.name not in ($1, $2)", params: ["a", "b"] }],
    ["attributes.model_type IN ('agent')", { sql: "lm.model_type in ($1)", params: ["agent"] }],
    ["source_run_id IN ('r1')", { sql: "lm.source_run_id in ($1)", params: ["r1"] }],
    ["experiment_id = '3'", { sql: "lm.experiment_id::text = $1", params: ["3"] }],
    // A bare number compares as its text, as MLflow strips nothing from it.
    ["params.x = 5", { sql: "exists (select 1 from logged_model_params kv where kv.model_id = lm.model_id and kv.param_key = $1 and kv.param_value = $2)", params: ["x", "5"] }],
  ])("%s", (filter, expected) => {
    expect(where(filter)).toEqual(expected);
  });

  it("compares status by its proto name, short names included", () => {
    expect(where("status = 'READY'")!.params).toEqual(["LOGGED_MODEL_READY"]);
    expect(where("status IN ('READY', 'LOGGED_MODEL_PENDING')")!.params).toEqual(["LOGGED_MODEL_READY", "LOGGED_MODEL_PENDING"]);
    expect(where("status != 'LOGGED_MODEL_PENDING'")!.sql).toMatch(/^\(case lm\.status when 1 then 'LOGGED_MODEL_PENDING' .* end\) <> \$1$/);
  });

  it("restricts metric comparisons to the datasets, OR-ed", () => {
    expect(where("metrics.acc > 0.5", [{ datasetName: "val" }, { datasetName: "test", datasetDigest: "d" }])).toEqual({
      sql: metricExists("x.metric_value > $2", " and (x.dataset_name = $3 or (x.dataset_name = $4 and x.dataset_digest = $5))"),
      params: ["acc", 0.5, "val", "test", "d"],
    });
  });

  it("with datasets and no metric comparison, keeps models having any metric on them", () => {
    expect(where("", [{ datasetName: "val" }])).toEqual({
      sql: "exists (select 1 from logged_model_metrics x where x.model_id = lm.model_id and (x.dataset_name = $1))",
      params: ["val"],
    });
    expect(where("name = 'a'", [{ datasetName: "val" }])!.sql).toBe(
      "lm.name = $1 and exists (select 1 from logged_model_metrics x where x.model_id = lm.model_id and (x.dataset_name = $2))",
    );
  });

  it("folds AND / OR / NOT as the shared parser reads them", () => {
    expect(where("name = 'a' OR NOT (name = 'b' AND model_type = 'c')")!.sql).toBe("(lm.name = $1 or not (lm.name = $2 and lm.model_type = $3))");
  });

  it.each([
    ["metrics.acc LIKE 'x'", "Invalid comparator 'LIKE' for 'metrics.acc' at position 0; expected one of =, !=, <, <=, >, >="],
    ["metrics.acc > 'x'", "Expected a numeric value for 'metrics.acc' at position 0, found 'x'"],
    ["metrics.acc IN ('1')", "Invalid comparator 'IN' for 'metrics.acc' at position 0; expected one of =, !=, <, <=, >, >="],
    ["creation_timestamp IN ('1')", "Invalid comparator 'IN' for 'creation_timestamp' at position 0; expected one of =, !=, <, <=, >, >="],
    ["last_updated_timestamp < '7'", "Expected a numeric value for 'last_updated_timestamp' at position 0, found '7'"],
    ["name > 'a'", "Invalid comparator '>' for 'name' at position 0; expected one of =, !=, LIKE, ILIKE, IN, NOT IN"],
    ["params.p < 'a'", "Invalid comparator '<' for 'params.p' at position 0; expected one of =, !=, LIKE, ILIKE, IN, NOT IN"],
    ["creation_timestamp LIKE '1%'", "Invalid comparator 'LIKE' for 'creation_timestamp' at position 0; expected one of =, !=, <, <=, >, >="],
    ["run_id = 'x'", "Invalid attribute key 'run_id' at position 0. Valid attributes are name, model_id, model_type, source_run_id, status, experiment_id, creation_timestamp, creation_time, last_updated_timestamp"],
    ["metric.acc > 1", "Invalid entity type 'metric' at position 0. Expected one of metrics, params, tags or attributes."],
    ["datasets.name = 'x'", "Invalid entity type 'datasets' at position 0. Expected one of metrics, params, tags or attributes."],
    ["constructor.x = 'x'", "Invalid entity type 'constructor' at position 0. Expected one of metrics, params, tags or attributes."],
    ["toString = 'x'", "Invalid attribute key 'toString' at position 0. Valid attributes are name, model_id, model_type, source_run_id, status, experiment_id, creation_timestamp, creation_time, last_updated_timestamp"],
  ])("rejects %s", (filter, message) => {
    expect(() => where(filter)).toThrow(message);
  });
});

describe("compileLoggedModelSearch: order_by → SQL", () => {
  it("defaults to creation time newest first, then model id", () => {
    expect(order([])).toEqual({ joins: [], orderBy: ["lm.creation_timestamp_ms desc nulls last", "lm.model_id asc"] });
  });

  it("keeps an explicit creation time and only adds the id tie-break", () => {
    for (const fieldName of ["creation_timestamp", "creation_time", "creation_timestamp_ms"]) {
      expect(order([{ fieldName, ascending: true }]).orderBy).toEqual(["lm.creation_timestamp_ms asc nulls last", "lm.model_id asc"]);
    }
    expect(order([{ fieldName: "name", ascending: false }]).orderBy).toEqual([
      "lm.name desc nulls last",
      "lm.creation_timestamp_ms desc nulls last",
      "lm.model_id asc",
    ]);
  });

  it("ranks a metric by its latest point on the dataset, numbers before NaN before missing", () => {
    const { joins, orderBy } = order([{ fieldName: "metrics.acc", ascending: false, datasetName: "val", datasetDigest: "d1" }]);
    expect(joins).toEqual([
      {
        sql:
          "left join ( select distinct on (x.model_id) x.model_id, x.metric_value as value from logged_model_metrics x " +
          "where x.metric_name = $1 and x.dataset_name = $2 and x.dataset_digest = $3 " +
          "order by x.model_id, x.metric_timestamp_ms desc nulls last, x.metric_step desc nulls last ) o0 on o0.model_id = lm.model_id",
        params: ["acc", "val", "d1"],
      },
    ]);
    expect(orderBy).toEqual(["o0.value is null", "o0.value = 'NaN'::float8", "o0.value desc", "lm.creation_timestamp_ms desc nulls last", "lm.model_id asc"]);
  });

  it.each([
    ["params.lr", "Invalid order by field name: params.lr. Only metrics are supported."],
    ["metric.acc", "Invalid order by field name: metric.acc. Only metrics are supported."],
    ["tags.t", "Invalid order by field name: tags.t. Only metrics are supported."],
    ["size", "Invalid order by field name: size"],
    ["constructor", "Invalid order by field name: constructor"],
  ])("rejects %s", (fieldName, message) => {
    expect(() => order([{ fieldName, ascending: true }])).toThrow(message);
  });
});
