import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestServer, testDatabaseUrl, type TestServer } from "../testing/test-server";

// `metron gc` against a running server on its own PostgreSQL database (gc may run beside a
// PostgreSQL server; an embedded PGlite folder is locked by its server). Once, in that project.

const CLI = path.resolve(import.meta.dirname, "metron.mjs");
const DAY = 86_400_000;
const GC_DATABASE_URL = testDatabaseUrl("gc");

describe.runIf(inject("driver") === "postgres")("metron gc", () => {
  let server: TestServer;
  let sql: postgres.Sql;
  const destination = fs.mkdtempSync(path.join(os.tmpdir(), "metron-gc-"));

  beforeAll(async () => {
    server = await startTestServer("postgres", { databaseUrl: GC_DATABASE_URL, env: { METRON_ARTIFACTS_DIR: destination } });
    sql = postgres(GC_DATABASE_URL, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await sql?.end();
    await server?.stop();
    fs.rmSync(destination, { recursive: true, force: true });
  });

  const api = (p: string, body?: unknown) =>
    fetch(`${server.baseUrl}/api/2.0/mlflow/${p}`, body === undefined ? {} : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

  /** A run with a metric, a param, a tag and an artifact file: rows in every run table, and bytes on disk. */
  async function fullRun(experimentId: string): Promise<string> {
    const { run } = await (await api("runs/create", { experiment_id: experimentId })).json();
    const runId: string = run.info.run_id;
    await api("runs/log-batch", {
      run_id: runId,
      metrics: [{ key: "loss", value: 0.5, timestamp: 1, step: 0 }],
      params: [{ key: "lr", value: "0.1" }],
      tags: [{ key: "team", value: "a" }],
    });
    await fetch(`${server.baseUrl}/api/2.0/mlflow-artifacts/artifacts/${experimentId}/${runId}/artifacts/model.bin`, { method: "PUT", body: "bytes" });
    return runId;
  }

  const createExperiment = async (name: string): Promise<string> => (await (await api("experiments/create", { name })).json()).experiment_id;
  const runStatus = async (runId: string) => (await api(`runs/get?run_id=${runId}`)).status;
  const runDir = (experimentId: string, runId: string) => path.join(destination, experimentId, runId);
  const rowsOf = async (runIds: string[]) => {
    const [row] = await sql`
      select (select count(*) from runs where run_uuid = any(${runIds}))::int as runs,
             (select count(*) from metrics where run_uuid = any(${runIds}))::int as metrics,
             (select count(*) from latest_metrics where run_uuid = any(${runIds}))::int as latest_metrics,
             (select count(*) from metric_blocks where run_uuid = any(${runIds}))::int as metric_blocks,
             (select count(*) from params where run_uuid = any(${runIds}))::int as params,
             (select count(*) from tags where run_uuid = any(${runIds}))::int as tags`;
    return row;
  };
  const gc = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, METRON_LOG_LEVEL: "warn" };
    delete env.NODE_OPTIONS;
    const result = spawnSync(process.execPath, [CLI, "gc", "--backend-store-uri", GC_DATABASE_URL, "--artifacts-destination", destination, ...args], {
      env,
      encoding: "utf8",
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr.replace(/\(node:\d+\) NodeVersionSupportWarning[\s\S]*?(?=\n\S|$)/g, "").trim() };
  };

  it("deletes runs and experiments deleted before the cutoff, with artifacts and every row; --dry-run deletes nothing", async () => {
    const kept = await createExperiment("gc-kept");
    const oldRun = await fullRun(kept);
    const recentRun = await fullRun(kept);
    const activeRun = await fullRun(kept);
    const doomed = await createExperiment("gc-doomed");
    const doomedRun = await fullRun(doomed);

    await api("runs/delete", { run_id: oldRun });
    await api("runs/delete", { run_id: recentRun });
    await api("experiments/delete", { experiment_id: doomed });
    // Deleted two days ago, as far as gc can tell.
    await sql`update runs set deleted_time = ${Date.now() - 2 * DAY} where run_uuid = ${oldRun}`;
    await sql`update experiments set last_update_time = ${Date.now() - 2 * DAY} where experiment_id = ${Number(doomed)}`;
    await sql`update runs set deleted_time = ${Date.now() - 2 * DAY} where run_uuid = ${doomedRun}`;
    const artifactBytes = async (experimentId: string) =>
      (await sql`select artifact_bytes from experiment_usage where experiment_id = ${Number(experimentId)}`)[0]?.artifact_bytes;
    expect(await artifactBytes(kept)).toBe("15"); // three runs' 5-byte files, counted by the proxy
    // The server builds chart summaries (metric_blocks) off the request path: wait for its summarizer.
    for (const deadline = Date.now() + 30_000; (await sql`select 1 from metric_block_backlog limit 1`).length > 0 && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const before = await rowsOf([oldRun, doomedRun]);
    expect(before).toEqual({ runs: 2, metrics: 2, latest_metrics: 2, metric_blocks: 28, params: 2, tags: 4 });

    const dryRun = gc("--older-than", "1d", "--dry-run");
    expect({ code: dryRun.code, stderr: dryRun.stderr }).toEqual({ code: 0, stderr: "" });
    const [first, ...rest] = dryRun.stdout.trim().split("\n");
    expect(first).toMatch(/^Would delete 2 runs and 1 experiment deleted before \d{4}-\d\d-\d\dT[\d:.]+Z\.$/);
    expect(rest).toEqual([
      `[1/2] run ${oldRun} (experiment ${kept}): would delete its artifacts at mlflow-artifacts:/${kept}/${oldRun}/artifacts and its rows`,
      `[2/2] run ${doomedRun} (experiment ${doomed}): would delete its artifacts at mlflow-artifacts:/${doomed}/${doomedRun}/artifacts and its rows`,
      `[1/1] experiment ${doomed} "gc-doomed": would delete it`,
      "Dry run: nothing was deleted.",
    ]);
    expect(await rowsOf([oldRun, doomedRun])).toEqual(before);
    expect(fs.existsSync(runDir(kept, oldRun))).toBe(true);

    const real = gc("--older-than", "1d");
    expect({ code: real.code, stderr: real.stderr }).toEqual({ code: 0, stderr: "" });
    expect(real.stdout.trim().split("\n").slice(1)).toEqual([
      `[1/2] run ${oldRun} (experiment ${kept}): deleted, with its artifacts at mlflow-artifacts:/${kept}/${oldRun}/artifacts`,
      `[2/2] run ${doomedRun} (experiment ${doomed}): deleted, with its artifacts at mlflow-artifacts:/${doomed}/${doomedRun}/artifacts`,
      `[1/1] experiment ${doomed} "gc-doomed": deleted`,
      "Done: 2 runs and 1 experiment permanently deleted.",
    ]);

    expect(await rowsOf([oldRun, doomedRun])).toEqual({ runs: 0, metrics: 0, latest_metrics: 0, metric_blocks: 0, params: 0, tags: 0 });
    expect(fs.existsSync(path.join(runDir(kept, oldRun), "artifacts"))).toBe(false);
    expect(fs.existsSync(path.join(runDir(doomed, doomedRun), "artifacts"))).toBe(false);
    expect([await runStatus(oldRun), await runStatus(doomedRun)]).toEqual([404, 404]);
    expect((await api(`experiments/get?experiment_id=${doomed}`)).status).toBe(404);

    // Deleted too recently, or never deleted: untouched, rows and bytes.
    expect([await runStatus(recentRun), await runStatus(activeRun)]).toEqual([200, 200]);
    expect(await rowsOf([recentRun, activeRun])).toEqual({ runs: 2, metrics: 2, latest_metrics: 2, metric_blocks: 28, params: 2, tags: 4 });
    expect(fs.readFileSync(path.join(runDir(kept, recentRun), "artifacts", "model.bin"), "utf8")).toBe("bytes");
    expect(await artifactBytes(kept)).toBe("10"); // the deleted run's bytes given back to the quota
  });

  it("refuses a malformed --older-than", () => {
    expect(gc("--older-than", "1 week")).toEqual({
      code: 1,
      stdout: "",
      stderr: "metron gc: Invalid --older-than '1 week': use #d#h#m#s, e.g. 30d, 1d2h3m4s or 1.5h.",
    });
  });
});
