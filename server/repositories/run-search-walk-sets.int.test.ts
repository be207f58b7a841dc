import { and, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRows } from "../db/rows";
import type { Db, DbHandle } from "../db/types";
import { compileRunSearch, WALK_SET_MAX_ROWS } from "../search/compile-run-search";
import { openTestDatabase } from "../testing/direct-db";
import { segmentQueries } from "../search/keyset";
import { searchRunPage, segmentPageSql } from "./run-search-repository";

// A search ordered by a metric walks that metric's index and tests each walked run against the filter:
// a param or tag equality with at most WALK_SET_MAX_ROWS matches as a hashed set, a larger one (and
// everything else) by probing the run's row. Both must keep exactly the runs the filter selects.

const RUNS = WALK_SET_MAX_ROWS + 100; // every run has lr = 'common': more matches than a set may hold
const PICKED_EVERY = 50; // pick = 'yes': a small set
let handle: DbHandle;
let db: Db;
let experimentId: number;
let otherExperimentId: number;

const accuracyOf = (i: number) => ((i * 7919) % RUNS) / RUNS; // distinct, not in run order
const lossOf = (i: number) => (i % 1000) / 1000;
const runIdOf = (prefix: string, i: number) => `${prefix}${String(i).padStart(31 - prefix.length, "0")}`;

async function seedExperiment(name: string, prefix: string, runs: number): Promise<number> {
  const [{ id }] = await executeRows<{ id: number }>(
    db,
    sql`insert into experiments (name, artifact_location, creation_time, last_update_time) values (${name}, '', 0, 0) returning experiment_id as id`,
  );
  const runIds = sql`select i, ${prefix}::text || lpad(i::text, ${31 - prefix.length}::int4, '0') as run_uuid from generate_series(0, ${runs - 1}::int4) as i`;
  await db.execute(sql`insert into runs (run_uuid, name, experiment_id, status, start_time, artifact_uri)
    select run_uuid, run_uuid, ${id}::int4, 'FINISHED', i, '' from (${runIds}) r`);
  await db.execute(sql`insert into params (run_uuid, key, value, experiment_id)
    select run_uuid, 'lr', 'common', ${id}::int4 from (${runIds}) r
    union all select run_uuid, 'pick', case when i % ${PICKED_EVERY}::int4 = 0 then 'yes' else 'no' end, ${id}::int4 from (${runIds}) r`);
  await db.execute(sql`insert into tags (run_uuid, key, value, experiment_id)
    select run_uuid, 'team', case when i % 3 = 0 then 'a' else 'b' end, ${id}::int4 from (${runIds}) r`);
  await db.execute(sql`insert into latest_metrics (run_uuid, key, value, timestamp, step, is_nan, experiment_id)
    select run_uuid, 'accuracy', ((i * 7919) % ${RUNS})::float8 / ${RUNS}, 0, 0, false, ${id}::int4 from (${runIds}) r
    union all select run_uuid, 'loss', (i % 1000)::float8 / 1000, 0, 0, false, ${id}::int4 from (${runIds}) r`);
  return id;
}

beforeAll(async () => {
  handle = await openTestDatabase("walk_sets");
  db = handle.db;
  experimentId = await seedExperiment("walk-sets", "ws", RUNS);
  otherExperimentId = await seedExperiment("walk-sets-other", "wo", 200);
}, 300_000);
afterAll(async () => handle?.close());

async function search(filter: string, experimentIds = [experimentId], limit = 10): Promise<string[]> {
  const plan = compileRunSearch({ experimentIds, filter, orderBy: ["metrics.accuracy DESC"], runViewType: "ACTIVE_ONLY" });
  return (await searchRunPage(db, { ...plan, limit })).map((r) => r.run.runUuid);
}

/** The first `limit` runs of the seeded experiment that `keep` selects, by accuracy descending. */
function expected(keep: (i: number) => boolean, limit = 10, prefix = "ws", runs = RUNS): string[] {
  return Array.from({ length: runs }, (_, i) => i)
    .filter(keep)
    .sort((a, b) => accuracyOf(b) - accuracyOf(a) || b - a)
    .slice(0, limit)
    .map((i) => runIdOf(prefix, i));
}

describe("a metric-ordered search's filters on the walked runs", () => {
  it("tests a small equality's matches as a set, and keeps exactly the matching runs", async () => {
    const picked = (i: number) => i % PICKED_EVERY === 0;
    expect(await search("params.pick = 'yes'")).toEqual(expected(picked));
    expect(await search("params.pick = 'yes' and tags.team = 'a'")).toEqual(expected((i) => picked(i) && i % 3 === 0));
    expect(await search("params.pick = 'yes' and metrics.loss < 0.5")).toEqual(expected((i) => picked(i) && lossOf(i) < 0.5));
    expect(await search("not params.pick = 'yes'")).toEqual(expected((i) => !picked(i)));
    expect(await search("params.pick = 'yes' or metrics.loss > 0.998")).toEqual(expected((i) => picked(i) || lossOf(i) > 0.998));
    expect(await search("params.pick = 'nothing'")).toEqual([]);
  });

  it("probes per run when an equality matches more runs than a set may hold, with the same answers", async () => {
    expect(await search("params.lr = 'common'")).toEqual(expected(() => true));
    expect(await search("params.lr = 'common' and params.pick = 'yes'")).toEqual(expected((i) => i % PICKED_EVERY === 0));
    expect(await search("params.lr = 'common' and tags.team = 'b'", [experimentId], 1000)).toEqual(expected((i) => i % 3 !== 0, 1000));
  });

  it("builds the set from the searched experiments only", async () => {
    const picked = (i: number) => i % PICKED_EVERY === 0;
    const both = await search("params.pick = 'yes'", [experimentId, otherExperimentId], 500);
    const fromOther = expected(picked, 500, "wo", 200);
    expect(both.filter((id) => id.startsWith("wo")).sort()).toEqual([...fromOther].sort());
    expect(await search("params.pick = 'yes'", [otherExperimentId], 500)).toEqual(fromOther);
  });

  it("hashes the set on data never analyzed, as right after a bulk load (a set scanned per walked run would be quadratic)", async () => {
    const plan = compileRunSearch({ experimentIds: [experimentId], filter: "params.pick = 'yes'", orderBy: ["metrics.accuracy DESC"], runViewType: "ACTIVE_ONLY" });
    const [first] = segmentQueries(plan.order);
    const page = { where: and(plan.where, first.where), joins: plan.joins, keys: plan.order.keys, orderBy: first.keys, limit: 11 };
    const rows = await executeRows<Record<string, string>>(db, sql`explain (costs off) ${segmentPageSql(db, page, first)}`);
    expect(rows.map((r) => r["QUERY PLAN"]).join("\n")).toContain("hashed SubPlan");
  });

  it("takes the set path for an equality and the probe path otherwise (else this test proves little)", () => {
    const sqlOf = (filter: string) => {
      const plan = compileRunSearch({ experimentIds: [experimentId], filter, orderBy: ["metrics.accuracy DESC"], runViewType: "ACTIVE_ONLY" });
      return new PgDialect().sqlToQuery(sql.join(plan.order.segments.map((s) => s.where ?? sql``), sql` `)).sql;
    };
    expect(sqlOf("params.pick = 'yes'")).toContain(`limit ${WALK_SET_MAX_ROWS} + 1`);
    expect(sqlOf("params.pick LIKE 'y%'")).not.toContain("limit");
    expect(sqlOf("metrics.loss < 0.5")).not.toContain("limit");
  });
});
