import { describe, expect, it } from "vitest";
import { errorOf, get, post, uniqueName } from "../../testing/api";
import { createVersion, del, patch } from "../../testing/registry";

const names = (body: { registered_models?: { name: string }[] }) => (body.registered_models ?? []).map((m) => m.name);
const versions = (body: { model_versions?: { name: string; version: string }[] }) =>
  (body.model_versions ?? []).map((v) => `${v.name}/${v.version}`);

/** Three models under one fresh prefix: a (tag team=red), b (team=blue), c (no tags), created in that order. */
async function seedModels() {
  const prefix = uniqueName("search");
  const [a, b, c] = ["a", "b", "c"].map((s) => `${prefix}-${s}`);
  await post("registered-models/create", { name: a, tags: [{ key: "team", value: "red" }] });
  await post("registered-models/create", { name: b, tags: [{ key: "team", value: "blue" }] });
  await post("registered-models/create", { name: c });
  return { prefix, a, b, c };
}

describe("registered-models/search", () => {
  it("filters by name (=, !=, LIKE, ILIKE) and by tags", async () => {
    const { prefix, a, b, c } = await seedModels();
    const search = async (filter: string) => names((await get("registered-models/search", { filter })).body);
    expect(await search(`name = '${a}'`)).toEqual([a]);
    expect(await search(`name LIKE '${prefix}-%'`)).toEqual([a, b, c]);
    expect(await search(`name ILIKE '${prefix.toUpperCase()}-%' AND name != '${b}'`)).toEqual([a, c]);
    expect(await search(`name LIKE '${prefix}-%' AND tags.team = 'red'`)).toEqual([a]);
    expect(await search(`name LIKE '${prefix}-%' AND tags.team != 'red'`)).toEqual([b]);
    expect(await search(`name LIKE '${prefix}-%' AND tag.\`team\` LIKE 'b%'`)).toEqual([b]);
  });

  it("orders by name and timestamps and pages with tokens", async () => {
    const { prefix, a, b, c } = await seedModels();
    await patch("registered-models/update", { name: a, description: "touched last" });
    const filter = `name LIKE '${prefix}-%'`;
    const search = async (query: Record<string, string | number | string[]>) =>
      (await get("registered-models/search", { filter, ...query })).body;
    expect(names(await search({ order_by: "name DESC" }))).toEqual([c, b, a]);
    expect(names(await search({ order_by: ["last_updated_timestamp DESC", "name"] }))[0]).toBe(a);
    expect(names(await search({ order_by: "creation_timestamp ASC" }))).toEqual([a, b, c]);

    const first = await search({ max_results: 2 });
    expect(names(first)).toEqual([a, b]);
    expect(typeof first.next_page_token).toBe("string");
    const second = await search({ max_results: 2, page_token: first.next_page_token });
    expect(second).toEqual({ registered_models: [expect.objectContaining({ name: c })] });
  });

  it("answers each model whole, latest versions included", async () => {
    const { a } = await seedModels();
    await createVersion(a);
    const [found] = (await get("registered-models/search", { filter: `name = '${a}'` })).body.registered_models;
    expect(found).toEqual((await get("registered-models/get", { name: a })).body.registered_model);
    expect(found.latest_versions).toHaveLength(1);
  });

  it("hides prompts unless the filter asks for them", async () => {
    const { prefix, a } = await seedModels();
    const prompt = `${prefix}-prompt`;
    await post("registered-models/create", { name: prompt, tags: [{ key: "mlflow.prompt.is_prompt", value: "true" }] });
    const search = async (filter: string) => names((await get("registered-models/search", { filter })).body);
    expect(await search(`name LIKE '${prefix}-%'`)).not.toContain(prompt);
    expect(await search(`name LIKE '${prefix}-%' AND tags.\`mlflow.prompt.is_prompt\` = 'true'`)).toEqual([prompt]);
    expect(await search(`name LIKE '${prefix}-%' AND tags.\`mlflow.prompt.is_prompt\` = 'false'`)).toContain(a);
    expect((await get("registered-models/get", { name: prompt })).status).toBe(200);
  });

  it("refuses unknown fields, bad order_by, bad tokens and out-of-range max_results", async () => {
    const refused = async (query: Record<string, string | number>) => errorOf(await get("registered-models/search", query));
    expect(await refused({ filter: "run_id = 'x'" })).toMatchObject({ status: 400, code: "INVALID_PARAMETER_VALUE" });
    expect(await refused({ filter: "name > 'x'" })).toMatchObject({ status: 400, code: "INVALID_PARAMETER_VALUE" });
    expect(await refused({ order_by: "version_number" })).toEqual({
      status: 400,
      code: "INVALID_PARAMETER_VALUE",
      message:
        "Invalid order by key 'version_number' specified. Registered models can be ordered by name, creation_timestamp, last_updated_timestamp, timestamp.",
    });
    expect((await refused({ order_by: "name", page_token: "not-a-token" })).code).toBe("INVALID_PARAMETER_VALUE");
    expect((await refused({ max_results: 1001 })).status).toBe(400);
    expect((await refused({ max_results: 0 })).status).toBe(400);
    expect((await get("registered-models/search", { max_results: 1000 })).status).toBe(200);
  });
});

describe("model-versions/search", () => {
  async function seedVersions() {
    const { a, b } = await seedModels();
    const v = [
      await createVersion(a, { source: "s3://bucket/a1", run_id: "1".repeat(32), tags: [{ key: "q", value: "good" }] }),
      await createVersion(a, { source: "s3://bucket/a2", run_id: "2".repeat(32) }),
      await createVersion(b, { source: "s3://bucket/b1", run_id: "1".repeat(32), tags: [{ key: "q", value: "bad" }] }),
    ];
    return { a, b, v };
  }

  it("filters by name, run_id (= and IN), source_path, version_number and tags", async () => {
    const { a, b } = await seedVersions();
    const search = async (filter: string) => versions((await get("model-versions/search", { filter })).body).sort();
    expect(await search(`name = '${a}'`)).toEqual([`${a}/1`, `${a}/2`]);
    expect(await search(`name = '${a}' AND run_id = '${"1".repeat(32)}'`)).toEqual([`${a}/1`]);
    expect(await search(`run_id IN ('${"2".repeat(32)}', 'zzz') AND name = '${a}'`)).toEqual([`${a}/2`]);
    expect(await search(`source_path = 's3://bucket/b1' AND name = '${b}'`)).toEqual([`${b}/1`]);
    expect(await search(`name = '${a}' AND version_number >= 2`)).toEqual([`${a}/2`]);
    expect(await search(`name LIKE '${a.slice(0, -2)}%' AND tags.q = 'good'`)).toEqual([`${a}/1`]);
  });

  it("orders (default: newest update first) and pages", async () => {
    const { a, b } = await seedVersions();
    const filter = `name IN ('${a}', '${b}')`;
    // IN is for run_id only, as in MLflow.
    expect(errorOf(await get("model-versions/search", { filter })).status).toBe(400);
    const both = `name LIKE '${a.slice(0, -2)}%'`;
    const search = async (query: Record<string, string | number | string[]>) => (await get("model-versions/search", { filter: both, ...query })).body;
    expect(versions(await search({ order_by: ["name ASC", "version_number ASC"] }))).toEqual([`${a}/1`, `${a}/2`, `${b}/1`]);
    expect(versions(await search({ order_by: "version_number DESC" }))).toEqual([`${a}/2`, `${a}/1`, `${b}/1`]);
    await post("model-versions/transition-stage", { name: a, version: "1", stage: "Staging" });
    expect(versions(await search({}))[0]).toBe(`${a}/1`);

    const first = await search({ max_results: 2, order_by: "creation_timestamp" });
    expect(versions(first)).toEqual([`${a}/1`, `${a}/2`]);
    const second = await search({ max_results: 2, order_by: "creation_timestamp", page_token: first.next_page_token });
    expect(versions(second)).toEqual([`${b}/1`]);
    expect(second.next_page_token).toBeUndefined();
  });

  it("answers versions whole and leaves deleted ones out", async () => {
    const { a } = await seedVersions();
    await post("registered-models/alias", { name: a, alias: "best", version: "1" });
    const found = (await get("model-versions/search", { filter: `name = '${a}'`, order_by: "version_number" })).body.model_versions;
    expect(found[0]).toEqual((await get("model-versions/get", { name: a, version: "1" })).body.model_version);
    expect(found[0].aliases).toEqual(["best"]);
    await del("model-versions/delete", { name: a, version: "1" });
    expect(versions((await get("model-versions/search", { filter: `name = '${a}'` })).body)).toEqual([`${a}/2`]);
  });

  it("refuses unknown fields and order keys", async () => {
    const refused = async (query: Record<string, string | string[]>) => errorOf(await get("model-versions/search", query));
    expect(await refused({ filter: "stage = 'None'" })).toMatchObject({ status: 400, code: "INVALID_PARAMETER_VALUE" });
    expect(await refused({ filter: "source_path IN ('a')" })).toMatchObject({ status: 400, code: "INVALID_PARAMETER_VALUE" });
    expect(await refused({ order_by: "run_id" })).toMatchObject({ status: 400, code: "INVALID_PARAMETER_VALUE" });
    expect(await refused({ order_by: ["name", "name DESC"] })).toMatchObject({ status: 400 });
  });
});
