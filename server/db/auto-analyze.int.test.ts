import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openTestDatabase } from "../testing/direct-db";
import { analyzeGrownTables, findGrownTables, findTablesToVacuum, startAutoAnalyze, vacuumWrittenTables } from "./auto-analyze";
import { executeRows } from "./rows";
import type { DbHandle } from "./types";

let handle: DbHandle;

const reltuples = async (table: string) =>
  Number((await executeRows<{ n: number | string }>(handle.db, sql`select reltuples as n from pg_class where relname = ${table}`))[0].n);

const modsSinceAnalyze = async () =>
  Number((await executeRows<{ n: number | string }>(handle.db, sql`select coalesce(max(n_mod_since_analyze), 0) as n from pg_stat_user_tables where relname = 'runs'`))[0].n);

/**
 * `count` runs of a new experiment, written in one statement as a bulk import would. PostgreSQL
 * reports a backend's row counts to the statistics collector up to seconds later: wait for them,
 * so that each assertion sees the counts of the writes before it (PGlite keeps none).
 */
async function addRuns(count: number, name: string) {
  const before = await modsSinceAnalyze();
  await insertRuns(count, name);
  const deadline = Date.now() + 30_000;
  while (inject("driver") === "postgres" && (await modsSinceAnalyze()) < before + count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
}

async function insertRuns(count: number, name: string) {
  await handle.db.execute(sql`
    with e as (insert into experiments (name, artifact_location, creation_time, last_update_time) values (${name}, '', 0, 0) returning experiment_id)
    insert into runs (run_uuid, name, experiment_id, status, start_time, artifact_uri)
    select md5(${name} || i), 'r' || i, e.experiment_id, 'FINISHED', i, '' from e, generate_series(1, ${count}) i`);
}

beforeAll(async () => {
  handle = await openTestDatabase("analyze");
  await analyzeGrownTables(handle.db);
  await vacuumWrittenTables(handle.db);
}, 120_000);
afterAll(async () => handle?.close());

describe("automatic ANALYZE of grown tables", () => {
  it("analyzes a table that grew past its statistics, then leaves it until it grows again", async () => {
    expect(await findGrownTables(handle.db)).toEqual([]);
    await addRuns(20_000, "grow-1");
    expect(await findGrownTables(handle.db)).toContain("runs");
    expect(await analyzeGrownTables(handle.db)).toContain("runs");
    expect(await reltuples("runs")).toBe(20_000);
    expect(await findGrownTables(handle.db)).toEqual([]);
    // 5% more is under the threshold; 40% more is over it.
    await addRuns(1_000, "grow-2");
    expect(await findGrownTables(handle.db)).toEqual([]);
    await addRuns(8_000, "grow-3");
    expect(await findGrownTables(handle.db)).toEqual(["runs"]);
  });

  it("runs on a timer off the request path and stops", async () => {
    await addRuns(30_000, "timer");
    const analyzed: string[][] = [];
    const stop = startAutoAnalyze(handle.db, { intervalMs: 50, onError: (err) => analyzed.push([String(err)]), onAnalyzed: (t) => analyzed.push(t) });
    const deadline = Date.now() + 20_000;
    while (analyzed.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    stop();
    expect(analyzed[0]).toContain("runs");
    // ANALYZE estimates beyond its 30,000-row sample; 29,000 were counted before the timer.
    expect(await reltuples("runs")).toBeGreaterThan(45_000);
  });
});

describe("automatic VACUUM of written tables", () => {
  const visibility = async () =>
    (await executeRows<{ pages: number; visible: number }>(handle.db, sql`select relpages as pages, relallvisible as visible from pg_class where relname = 'runs'`))[0];

  it("vacuums a table written past the threshold, marking its pages all-visible, then leaves it", async () => {
    await addRuns(20_000, "vacuum-1");
    expect(await findTablesToVacuum(handle.db)).toContain("runs");
    expect(await vacuumWrittenTables(handle.db)).toContain("runs");
    const { pages, visible } = await visibility();
    expect(pages).toBeGreaterThan(0);
    expect(visible).toBe(pages);
    expect(await findTablesToVacuum(handle.db)).not.toContain("runs");
  });

  it("runs on the timer when asked, after the ANALYZE", async () => {
    await addRuns(20_000, "vacuum-timer");
    const done: string[] = [];
    const stop = startAutoAnalyze(handle.db, {
      intervalMs: 50,
      vacuum: true,
      onError: (err) => done.push(String(err)),
      onAnalyzed: () => done.push("analyzed"),
      onVacuumed: (tables) => done.push(`vacuumed ${tables.join(",")}`),
    });
    const deadline = Date.now() + 20_000;
    while (done.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    stop();
    expect(done.slice(0, 2)).toEqual(["analyzed", "vacuumed runs"]);
  });
});
