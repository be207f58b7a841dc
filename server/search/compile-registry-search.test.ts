import { PgDialect } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { compileModelVersionSearch, compileRegisteredModelSearch } from "./compile-registry-search";

const dialect = new PgDialect();
const orderOf = (compiled: { orderBy: Parameters<PgDialect["sqlToQuery"]>[0][] }) => compiled.orderBy.map((o) => dialect.sqlToQuery(o).sql);

describe("compileRegisteredModelSearch", () => {
  it("orders by the given keys, then by name", () => {
    expect(orderOf(compileRegisteredModelSearch({ orderBy: [] }))).toEqual(['"registered_models"."name" asc']);
    expect(orderOf(compileRegisteredModelSearch({ orderBy: ["timestamp DESC"] }))).toEqual([
      '"registered_models"."last_updated_time" desc',
      '"registered_models"."name" asc',
    ]);
    expect(orderOf(compileRegisteredModelSearch({ orderBy: ["name desc", "creation_timestamp"] }))).toEqual([
      '"registered_models"."name" desc',
      '"registered_models"."creation_time" asc',
    ]);
  });

  it("hides prompts unless the filter names the prompt tag", () => {
    const plain = dialect.sqlToQuery(compileRegisteredModelSearch({ filter: "name = 'a'", orderBy: [] }).where).sql;
    expect(plain).toContain("not exists");
    const asked = dialect.sqlToQuery(compileRegisteredModelSearch({ filter: "tags.`mlflow.prompt.is_prompt` = 'true'", orderBy: [] }).where);
    expect(asked.sql).not.toContain("not exists");
    expect(asked.sql).toContain("coalesce(");
    expect(asked.params).toEqual(["mlflow.prompt.is_prompt", "true"]);
  });

  it.each([
    ["run_id = 'x'", /^Invalid attribute key 'run_id'/],
    ["name > 'a'", /^Invalid comparator '>' for 'name'/],
    ["tags.k IN ('a')", /^Invalid comparator 'IN' for 'tags.k'/],
    ["name = 3", /^Expected a quoted string value for 'name'/],
  ])("refuses the filter %s", (filter, message) => {
    expect(() => compileRegisteredModelSearch({ filter, orderBy: [] })).toThrow(message);
  });

  it.each([
    [["version_number"], /^Invalid order by key 'version_number' specified/],
    [["tags.k"], /^Invalid order by key 'tags.k' specified/],
    [["name", "name DESC"], /^`order_by` contains duplicate fields/],
    [["timestamp", "last_updated_timestamp"], /^`order_by` contains duplicate fields/],
    [["name sideways"], /^Invalid order_by clause 'name sideways'/],
  ])("refuses order_by %j", (orderBy, message) => {
    expect(() => compileRegisteredModelSearch({ orderBy })).toThrow(message);
  });
});

describe("compileModelVersionSearch", () => {
  it("orders newest update first by default, ties by name and version descending", () => {
    expect(orderOf(compileModelVersionSearch({ orderBy: [] }))).toEqual([
      '"model_versions"."last_updated_time" desc',
      '"model_versions"."name" asc',
      '"model_versions"."version" desc',
    ]);
    expect(orderOf(compileModelVersionSearch({ orderBy: ["version_number"] }))).toEqual([
      '"model_versions"."version" asc',
      '"model_versions"."name" asc',
    ]);
  });

  it("binds run_id IN lists as one array parameter", () => {
    const query = dialect.sqlToQuery(compileModelVersionSearch({ filter: "run_id IN ('a', 'b')", orderBy: [] }).where);
    expect(query.sql).toContain('"model_versions"."run_id" = any($1::text[])');
    expect(query.params[0]).toEqual(["a", "b"]);
  });

  it.each([
    ["current_stage = 'None'", /^Invalid attribute key 'current_stage'/],
    ["name IN ('a')", /^Invalid comparator for attribute: IN/],
    ["version_number LIKE '1%'", /^Invalid comparator 'LIKE' for 'version_number'/],
    ["version_number > 'x'", /^Expected a numeric value for 'version_number'/],
  ])("refuses the filter %s", (filter, message) => {
    expect(() => compileModelVersionSearch({ filter, orderBy: [] })).toThrow(message);
  });
});
