import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createImportTarget, runCli, spawnImport, type ImportTarget } from "./testing/import-harness";
import { createMlflowDatabase } from "./testing/mlflow-sqlite-fixture";

// Interrupt and resume: SIGKILL `metron import` while it copies metric points, then run it again.
// Each run is one transaction, so after the kill every run is either whole or absent; the second
// pass copies exactly what is missing.

const RUNS = 60;
const KEYS = ["loss", "lr"];
const STEPS = 10_000;

describe.runIf(inject("driver") === "postgres")("metron import, killed mid-metrics and run again", () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "metron-resume-"));
  const dbFile = path.join(tmp, "mlflow.db");
  let target: ImportTarget;
  let sql: postgres.Sql;

  beforeAll(async () => {
    const db = createMlflowDatabase(dbFile);
    db.run("insert into experiments (experiment_id, name, artifact_location, lifecycle_stage) values (0, 'Default', ?, 'active'), (1, 'big', ?, 'active')", [tmp, tmp]);
    db.run("begin");
    for (let r = 0; r < RUNS; r++) {
      const runId = r.toString(16).padStart(32, "0");
      db.run("insert into runs (run_uuid, name, user_id, status, start_time, lifecycle_stage, artifact_uri, experiment_id) values (?, ?, 'u', 'FINISHED', ?, 'active', ?, 1)", [runId, `run-${r}`, r, path.join(tmp, "none", runId)]);
      // SQLite generates the series itself: a million rows through the JS binding one by one take a minute.
      for (const key of KEYS) {
        db.run(
          `insert into metrics (key, value, timestamp, run_uuid, step, is_nan)
           with recursive s(i) as (select 0 union all select i + 1 from s where i < ${STEPS - 1})
           select ?, i * 1.0 / ?, 1000 + i, ?, i, 0 from s`,
          [key, r + 1, runId],
        );
      }
    }
    db.run("commit");
    db.close();
    target = await createImportTarget("postgres", "resume");
    sql = postgres(target.databaseUrl!, { max: 1, onnotice: () => {} });
  }, 300_000);
  afterAll(async () => {
    await sql?.end();
    target?.dispose();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const pointsPerRun = async () =>
    (await sql`select r.run_uuid, (select count(*) from metrics m where m.run_uuid = r.run_uuid)::int as n from runs r where r.experiment_id = 1`).map((row) => row.n as number);

  it("leaves whole runs only, then copies exactly the rest", { timeout: 300_000 }, async () => {
    const first = spawnImport([`sqlite:///${dbFile}`, ...target.args], { METRON_IMPORT_PROGRESS_MS: "100" });
    // Kill once a few runs (and their points) are in, long before the last one.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        const lines = first.stderr().split("\n").filter((l) => l.startsWith("runs + metrics"));
        const done = Number(/^runs \+ metrics\s+(\d+) runs/.exec(lines.at(-1) ?? "")?.[1] ?? 0);
        if (done >= 5) {
          clearInterval(timer);
          process.kill(-first.child.pid!, "SIGKILL");
          resolve();
        }
        if (first.child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`import ended before it could be killed:\n${first.stderr()}`));
        }
      }, 20);
    });
    await new Promise((resolve) => first.child.once("exit", resolve));

    const afterKill = await pointsPerRun();
    expect(afterKill.length).toBeGreaterThanOrEqual(5);
    expect(afterKill.length).toBeLessThan(RUNS);
    expect(afterKill.every((n) => n === KEYS.length * STEPS)).toBe(true);

    const second = runCli(["import", `sqlite:///${dbFile}`, ...target.args]);
    expect(second.stderr.split("\n").filter((l) => l.startsWith("metron import:"))).toEqual([`metron import: from MLflow SQLite database ${dbFile} (schema bf29a5ff90ea)`]);
    expect(second.stdout).toContain(`metric points              ${RUNS * KEYS.length * STEPS}       ${RUNS * KEYS.length * STEPS}  ok`);
    expect(second.code).toBe(0);
    const afterResume = await pointsPerRun();
    expect(afterResume).toHaveLength(RUNS);
    expect(afterResume.every((n) => n === KEYS.length * STEPS)).toBe(true);
    const [latest] = await sql`select count(*)::int as n, min(step)::int as min_step, max(step)::int as max_step from latest_metrics`;
    expect(latest).toEqual({ n: RUNS * KEYS.length, min_step: STEPS - 1, max_step: STEPS - 1 });
    // The chart summaries count every imported point once, on both axes (charts read them).
    const blocks = await sql`select axis, sum(count)::int as points from metric_blocks where (axis = 'step' and width = 16) or (axis = 'time' and width = 1024) group by axis order by axis`;
    expect(blocks).toEqual([
      { axis: "step", points: RUNS * KEYS.length * STEPS },
      { axis: "time", points: RUNS * KEYS.length * STEPS },
    ]);
  });
});
