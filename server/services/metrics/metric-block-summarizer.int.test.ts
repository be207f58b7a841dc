import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { openDatabase } from "../../db/client";
import { executeRows } from "../../db/rows";
import type { DbHandle } from "../../db/types";
import { insertMetricPoints, rebuildMetricBlocks } from "../../repositories/metrics-repository";
import { startMetricBlockSummarizer } from "./metric-block-summarizer";
import { dropDatabase, startTestServer, testDatabaseUrl, type TestServer } from "../../testing/test-server";

// Chart summaries are built off the request path from metric_block_backlog. What a stopped server left in
// the backlog must be summarized by the next one, on its own, into exactly the blocks of the stored points.

const driver = inject("driver");
const T0 = 1_700_000_000_000;

describe("metric block summarizer", { timeout: 120_000 }, () => {
  const databaseUrl = driver === "postgres" ? testDatabaseUrl("block_backlog") : undefined;
  const pgliteDir = driver === "pglite" ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), "metron-backlog-")), "db") : undefined;
  let server: TestServer | undefined;
  const start = (keep: boolean) => startTestServer(driver, { databaseUrl, pgliteDir, keepDatabase: keep });
  const open = () => openDatabase({ databaseUrl, dataDir: pgliteDir ?? "", searchTimeoutMs: 15_000 });
  const backlogAndBlocks = async (db: DbHandle["db"], runId: string) => ({
    backlog: await executeRows(db, sql`select key from metric_block_backlog where run_uuid = ${runId}`),
    blocks: await executeRows(db, sql`select key, axis, width, block, count, first_point, last_point, min_point, max_point
      from metric_blocks where run_uuid = ${runId} order by key, axis, width, block`),
  });

  afterAll(async () => {
    await server?.stop();
    if (databaseUrl) await dropDatabase(databaseUrl);
    if (pgliteDir) fs.rmSync(path.dirname(pgliteDir), { recursive: true, force: true });
  });

  it("catches up after a restart with what the last server left unsummarized", async () => {
    server = await start(false);
    const created = await fetch(`${server.baseUrl}/api/2.0/mlflow/runs/create`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ experiment_id: "0" }) });
    const runId: string = (await created.json()).run.info.run_id;
    await server.stop();

    // Points written while no server runs: as if it had stopped between a write and its summary pass.
    let handle = await open();
    const points = Array.from({ length: 5_000 }, (_, step) => ({ key: step % 2 ? "loss" : "acc", step, timestamp: T0 + step * 300, value: Math.sin(step), isNan: false }));
    await handle.db.transaction((tx) => insertMetricPoints(tx as never, runId, points));
    expect(await backlogAndBlocks(handle.db, runId)).toEqual({ backlog: [{ key: "acc" }, { key: "loss" }], blocks: [] });
    await handle.close();

    server = await start(true);
    // Any request opens the server's database context, which starts the summarizer.
    expect((await fetch(`${server.baseUrl}/api/2.0/mlflow/experiments/get?experiment_id=0`)).status).toBe(200);
    if (driver === "postgres") {
      handle = await open();
      const deadline = Date.now() + 30_000;
      while ((await backlogAndBlocks(handle.db, runId)).backlog.length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await handle.close();
    } else {
      await new Promise((r) => setTimeout(r, 3_000)); // PGlite opens in one process only: look once the server stops
    }
    await server.stop();
    server = undefined;

    handle = await open();
    try {
      const summarized = await backlogAndBlocks(handle.db, runId);
      expect(summarized.backlog).toEqual([]);
      expect(summarized.blocks.length).toBeGreaterThan(0);
      await rebuildMetricBlocks(handle.db, runId);
      expect(summarized.blocks).toEqual((await backlogAndBlocks(handle.db, runId)).blocks);
    } finally {
      await handle.close();
    }
  });

  it("stops after the pass in flight, which it finishes, and summarizes nothing once stopped", async () => {
    const handle = await open();
    try {
      const runId = (await executeRows<{ run_uuid: string }>(handle.db, sql`select run_uuid from runs limit 1`))[0].run_uuid;
      const write = (key: string) => handle.db.transaction((tx) => insertMetricPoints(tx as never, runId, [{ key, step: 1, timestamp: T0, value: 1, isNan: false }]));
      await write("before_stop");
      const errors: unknown[] = [];
      const stop = startMetricBlockSummarizer(handle.db, { intervalMs: 50, onError: (err) => errors.push(err) });
      await stop(); // the first pass starts at once: stop waits for it
      expect((await backlogAndBlocks(handle.db, runId)).backlog).toEqual([]);
      await write("after_stop");
      await new Promise((r) => setTimeout(r, 300));
      expect((await backlogAndBlocks(handle.db, runId)).backlog).toEqual([{ key: "after_stop" }]);
      expect(errors).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});
