import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { executeRows } from "../db/rows";
import type { Db, DbHandle } from "../db/types";
import { openTestDatabase } from "../testing/direct-db";
import { recreateDatabase, testDatabaseUrl } from "../testing/test-server";
import { insertMetricPoints } from "./metrics-repository";
import { findDistinctKeys, findDistinctValues } from "./run-keys-repository";
import { insertParams, upsertTags } from "./runs-repository";

let handle: DbHandle;
let db: Db;
let nextRun = 0;

async function experiment(name: string): Promise<number> {
  const [row] = await executeRows<{ id: number }>(
    db,
    sql`insert into experiments (name, artifact_location, creation_time, last_update_time) values (${name}, '', 0, 0) returning experiment_id as id`,
  );
  return row.id;
}

/** A run of `experimentId` with params, tags and metrics written the way the services write them. */
async function run(experimentId: number, data: { params?: Record<string, string>; tags?: Record<string, string>; metrics?: Record<string, number> }) {
  const runId = `loc${String(nextRun++).padStart(29, "0")}`;
  await db.transaction(async (tx) => {
    await tx.execute(sql`insert into runs (run_uuid, name, experiment_id, status, start_time, artifact_uri)
      values (${runId}, ${runId}, ${experimentId}, 'RUNNING', 1, '')`);
    await insertParams(tx as never, Object.entries(data.params ?? {}).map(([key, value]) => ({ runUuid: runId, key, value })));
    await upsertTags(tx as never, Object.entries(data.tags ?? {}).map(([key, value]) => ({ runUuid: runId, key, value })));
    const points = Object.entries(data.metrics ?? {}).map(([key, value]) => ({ key, value, step: 0, timestamp: 1, isNan: false }));
    await insertMetricPoints(tx as never, runId, points);
  });
  return runId;
}

const keysOf = async (ids: number[]) => ({
  params: await findDistinctKeys(db, "params", ids, 100),
  metrics: await findDistinctKeys(db, "latest_metrics", ids, 100),
  tags: await findDistinctKeys(db, "tags", ids, 100),
});

const experimentIdsOf = (table: string, runId: string) =>
  executeRows<{ experiment_id: number }>(db, sql`select distinct experiment_id from ${sql.raw(table)} where run_uuid = ${runId}`).then((rows) =>
    rows.map((r) => r.experiment_id),
  );

beforeAll(async () => {
  handle = await openTestDatabase("locality");
  db = handle.db;
}, 120_000);
afterAll(async () => handle?.close());

describe("per-experiment locality and key catalog", () => {
  it("writes copy the run's experiment into params, tags and latest_metrics, and catalog each new key once", async () => {
    const a = await experiment("loc-a");
    const b = await experiment("loc-b");
    const ra = await run(a, { params: { lr: "0.1", seed: "1" }, tags: { team: "x" }, metrics: { loss: 1, acc: 0.5 } });
    await run(a, { params: { lr: "0.2" }, metrics: { loss: 2 } });
    await run(b, { params: { lr: "0.3", only_b: "1" }, tags: { owner: "y" }, metrics: { loss: 3, bleu: 9 } });

    expect(await experimentIdsOf("params", ra)).toEqual([a]);
    expect(await experimentIdsOf("tags", ra)).toEqual([a]);
    expect(await experimentIdsOf("latest_metrics", ra)).toEqual([a]);
    expect(await keysOf([a])).toEqual({ params: ["lr", "seed"], metrics: ["acc", "loss"], tags: ["team"] });
    expect(await keysOf([b])).toEqual({ params: ["lr", "only_b"], metrics: ["bleu", "loss"], tags: ["owner"] });
    expect(await keysOf([a, b])).toEqual({ params: ["lr", "only_b", "seed"], metrics: ["acc", "bleu", "loss"], tags: ["owner", "team"] });
    const catalog = await executeRows<{ kind: string; key: string }>(db, sql`select kind, key from experiment_keys where experiment_id = ${a} order by kind, key`);
    expect(catalog).toEqual([
      { kind: "metric", key: "acc" },
      { kind: "metric", key: "loss" },
      { kind: "param", key: "lr" },
      { kind: "param", key: "seed" },
      { kind: "tag", key: "team" },
    ]);
  });

  it("suggests values from the experiment's own rows only, merged in value order across experiments", async () => {
    const a = await experiment("vals-a");
    const b = await experiment("vals-b");
    for (const lr of ["0.1", "0.01", "0.2"]) await run(a, { params: { lr }, tags: { team: `t${lr}` } });
    for (const lr of ["0.05", "0.1", "0.3"]) await run(b, { params: { lr } });
    const values = (ids: number[], prefix = "", limit = 10) => findDistinctValues(db, "params", { experimentIds: ids, key: "lr", prefix, limit });
    expect(await values([a])).toEqual(["0.01", "0.1", "0.2"]);
    expect(await values([b])).toEqual(["0.05", "0.1", "0.3"]);
    expect(await values([a, b])).toEqual(["0.01", "0.05", "0.1", "0.2", "0.3"]);
    expect(await values([a, b], "0.0")).toEqual(["0.01", "0.05"]);
    expect(await values([a, b], "", 2)).toEqual(["0.01", "0.05"]);
    expect(await findDistinctValues(db, "tags", { experimentIds: [a, b], key: "team", prefix: "t0.1", limit: 10 })).toEqual(["t0.1"]);
  });

  it("a run moved to another experiment takes its rows and keys along", async () => {
    const from = await experiment("move-from");
    const to = await experiment("move-to");
    const runId = await run(from, { params: { depth: "3" }, tags: { stage: "a" }, metrics: { f1: 0.7 } });
    await db.execute(sql`update runs set experiment_id = ${to} where run_uuid = ${runId}`);
    for (const table of ["params", "tags", "latest_metrics"]) expect(await experimentIdsOf(table, runId)).toEqual([to]);
    expect(await keysOf([to])).toEqual({ params: ["depth"], metrics: ["f1"], tags: ["stage"] });
    expect(await findDistinctValues(db, "params", { experimentIds: [to], key: "depth", prefix: "", limit: 5 })).toEqual(["3"]);
    expect(await findDistinctValues(db, "params", { experimentIds: [from], key: "depth", prefix: "", limit: 5 })).toEqual([]);
  });

  it("deleting an experiment removes its catalog with its runs", async () => {
    const gone = await experiment("gone");
    await run(gone, { params: { p: "1" }, metrics: { m: 1 } });
    await db.execute(sql`delete from experiments where experiment_id = ${gone}`);
    expect(await executeRows(db, sql`select 1 from experiment_keys where experiment_id = ${gone}`)).toEqual([]);
    expect(await executeRows(db, sql`select 1 from params where experiment_id = ${gone}`)).toEqual([]);
  });

  it("a key written again (replayed batch, new value) neither duplicates nor loses the catalog entry", async () => {
    const e = await experiment("replay");
    const runId = await run(e, { params: { k: "1" }, tags: { t: "1" }, metrics: { m: 1 } });
    await db.transaction(async (tx) => {
      await insertParams(tx as never, [{ runUuid: runId, key: "k", value: "1" }]);
      await upsertTags(tx as never, [{ runUuid: runId, key: "t", value: "2" }]);
      await insertMetricPoints(tx as never, runId, [{ key: "m", value: 2, step: 1, timestamp: 2, isNan: false }]);
    });
    expect(await keysOf([e])).toEqual({ params: ["k"], metrics: ["m"], tags: ["t"] });
  });
});

/**
 * Migrations 0005 and 0006 on a database that already holds runs (written at 0004): the copies
 * and the catalog are backfilled from the rows, and orphaned latest_metrics rows are dropped.
 */
describe("primary keys that answer a walked search's probes index-only (migration 0010)", () => {
  it("carry the columns the probes compare", async () => {
    const keys = await executeRows<{ definition: string }>(
      db,
      sql`select pg_get_indexdef(c.conindid) as definition from pg_constraint c
        where c.contype = 'p' and c.conrelid::regclass::text in ('params', 'tags', 'latest_metrics') order by c.conrelid::regclass::text`,
    );
    expect(keys.map((k) => k.definition)).toEqual([
      "CREATE UNIQUE INDEX latest_metrics_run_uuid_key_pk ON public.latest_metrics USING btree (run_uuid, key) INCLUDE (is_nan, value)",
      "CREATE UNIQUE INDEX params_run_uuid_key_pk ON public.params USING btree (run_uuid, key) INCLUDE (value_prefix)",
      "CREATE UNIQUE INDEX tags_run_uuid_key_pk ON public.tags USING btree (run_uuid, key) INCLUDE (value_prefix)",
    ]);
  });
});

describe("migrations 0005–0006 on existing data", () => {
  const folder = path.join(process.cwd(), "drizzle");

  function foldersUpTo(lastTag: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "metron-migrations-"));
    fs.mkdirSync(path.join(dir, "meta"));
    const journal = JSON.parse(fs.readFileSync(path.join(folder, "meta/_journal.json"), "utf8"));
    const end = journal.entries.findIndex((e: { tag: string }) => e.tag === lastTag);
    journal.entries = journal.entries.slice(0, end + 1);
    for (const e of journal.entries) fs.copyFileSync(path.join(folder, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
    fs.writeFileSync(path.join(dir, "meta/_journal.json"), JSON.stringify(journal));
    return dir;
  }

  it("backfills experiment_id and experiment_keys", async () => {
    const old = foldersUpTo("0004_backfill_metric_blocks");
    let query: (text: string) => Promise<Record<string, unknown>[]>;
    let migrateTo: (dir: string) => Promise<void>;
    let close: () => Promise<void>;
    if (inject("driver") === "pglite") {
      const { PGlite } = await import("@electric-sql/pglite");
      const { drizzle } = await import("drizzle-orm/pglite");
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      const client = new PGlite();
      const d = drizzle(client);
      query = async (text) => (await client.query<Record<string, unknown>>(text)).rows;
      migrateTo = (dir) => migrate(d, { migrationsFolder: dir });
      close = () => client.close();
    } else {
      const { default: postgres } = await import("postgres");
      const { drizzle } = await import("drizzle-orm/postgres-js");
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      // A database of its own (the tests above keep theirs open), migrated to 0004 first.
      const upgradeUrl = testDatabaseUrl("upgrade");
      await recreateDatabase(upgradeUrl);
      const client = postgres(upgradeUrl, { max: 1, onnotice: () => {} });
      query = (text) => client.unsafe(text) as unknown as Promise<Record<string, unknown>[]>;
      migrateTo = (dir) => migrate(drizzle(client), { migrationsFolder: dir });
      close = () => client.end();
    }
    try {
      await migrateTo(old);
      await query(`insert into experiments (experiment_id, name, artifact_location, creation_time, last_update_time) values (1, 'e1', '', 0, 0), (2, 'e2', '', 0, 0)`);
      await query(`insert into runs (run_uuid, name, experiment_id, status, start_time, artifact_uri) values ('r1', 'r1', 1, 'RUNNING', 1, ''), ('r2', 'r2', 2, 'RUNNING', 1, '')`);
      await query(`insert into params (run_uuid, key, value) values ('r1', 'lr', '0.1'), ('r1', 'seed', '1'), ('r2', 'lr', '0.2')`);
      await query(`insert into tags (run_uuid, key, value) values ('r2', 'team', 'x')`);
      await query(`insert into latest_metrics (run_uuid, key, step, "timestamp", value, is_nan) values ('r1', 'loss', 0, 1, 1, false), ('r2', 'loss', 0, 1, 2, false), ('gone', 'loss', 0, 1, 3, false)`);
      await migrateTo(folder);
      expect(await query(`select run_uuid, key, experiment_id from params order by run_uuid, key`)).toEqual([
        { run_uuid: "r1", key: "lr", experiment_id: 1 },
        { run_uuid: "r1", key: "seed", experiment_id: 1 },
        { run_uuid: "r2", key: "lr", experiment_id: 2 },
      ]);
      expect(await query(`select run_uuid, experiment_id from latest_metrics order by run_uuid`)).toEqual([
        { run_uuid: "r1", experiment_id: 1 },
        { run_uuid: "r2", experiment_id: 2 },
      ]);
      expect(await query(`select experiment_id, kind, key from experiment_keys order by 1, 2, 3`)).toEqual([
        { experiment_id: 1, kind: "metric", key: "loss" },
        { experiment_id: 1, kind: "param", key: "lr" },
        { experiment_id: 1, kind: "param", key: "seed" },
        { experiment_id: 2, kind: "metric", key: "loss" },
        { experiment_id: 2, kind: "param", key: "lr" },
        { experiment_id: 2, kind: "tag", key: "team" },
      ]);
    } finally {
      await close();
      fs.rmSync(old, { recursive: true, force: true });
    }
  }, 120_000);
});
