import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { createImportTarget, runCli, type ImportTarget } from "./testing/import-harness";

// `metron import` into a server with quotas: the importer stops with the API's RESOURCE_EXHAUSTED error at
// the exact boundary, and the run (or file) over the limit is not written at all. The source is a small
// MLflow file store: experiment 42 with three active runs, taken in id order.

const RUNS = ["a".repeat(32), "b".repeat(32), "c".repeat(32)];
/** Per run: metric points and artifact bytes. The middle run sits exactly at the limits the tests set. */
const SHAPE = [
  { points: 2, artifact: "012345" },
  { points: 3, artifact: "6789" },
  { points: 4, artifact: "x" },
];

function write(file: string, content: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

function makeFileStore(root: string) {
  const exp = path.join(root, "42");
  write(path.join(exp, "meta.yaml"), `artifact_location: file://${exp}\ncreation_time: 1700000001000\nexperiment_id: '42'\nlast_update_time: 1700000002000\nlifecycle_stage: active\nname: quota\n`);
  RUNS.forEach((id, i) => {
    const dir = path.join(exp, id);
    write(
      path.join(dir, "meta.yaml"),
      `artifact_uri: file://${dir}/artifacts\nend_time: 1700000009000\nentry_point_name: ''\nexperiment_id: '42'\nlifecycle_stage: active\n` +
        `run_id: ${id}\nrun_name: r${i}\nrun_uuid: ${id}\nsource_name: ''\nsource_type: 4\nsource_version: ''\nstart_time: 1700000003000\nstatus: 3\ntags: []\nuser_id: cy\n`,
    );
    write(path.join(dir, "tags", "mlflow.runName"), `r${i}`);
    write(path.join(dir, "params", "lr"), "0.1");
    write(path.join(dir, "metrics", "loss"), Array.from({ length: SHAPE[i].points }, (_, step) => `${1000 + step} ${step} ${step}\n`).join(""));
    write(path.join(dir, "artifacts", "out.txt"), SHAPE[i].artifact);
  });
}

const quotaLine = (message: string) =>
  `metron import: RESOURCE_EXHAUSTED: Quota exceeded: ${message}. Nothing was written. What was imported before it stays; raise the quota and run the import again to continue.`;

describe.runIf(inject("driver") === "postgres")("metron import respects quotas", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "metron-quota-mlruns-"));
  let target: ImportTarget | undefined;
  let sql: postgres.Sql | undefined;

  beforeAll(() => makeFileStore(root));
  afterEach(async () => {
    await sql?.end();
    target?.dispose();
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  async function importWith(env: Record<string, string>) {
    target = await createImportTarget("postgres", "importquota");
    const result = runCli(["import", root, ...target.args], env);
    sql = postgres(target.databaseUrl!, { max: 1, onnotice: () => {} });
    const runs = (await sql`select run_uuid from runs order by run_uuid`).map((r) => r.run_uuid);
    const points = Object.fromEntries((await sql`select run_uuid, count(*)::int as n from metrics group by run_uuid`).map((r) => [r.run_uuid, r.n]));
    const params = (await sql`select count(*)::int as n from params`)[0].n;
    return { result, runs, points, params };
  }

  it("stops at the run quota: two runs imported whole, the third not at all", { timeout: 120_000 }, async () => {
    const { result, runs, points, params } = await importWith({ METRON_QUOTA_MAX_RUNS_PER_EXPERIMENT: "2" });
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n").at(-1)).toBe(quotaLine("experiment 42 may have at most 2 active runs; this request would make it 3"));
    expect(runs).toEqual(RUNS.slice(0, 2));
    expect([points, params]).toEqual([{ [RUNS[0]]: 2, [RUNS[1]]: 3 }, 2]);
  });

  it("stops at the metric-step quota: a run exactly at it is imported, the one past it is not", { timeout: 120_000 }, async () => {
    const { result, runs, points } = await importWith({ METRON_QUOTA_MAX_METRIC_STEPS_PER_RUN: "3" });
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n").at(-1)).toBe(quotaLine(`run ${RUNS[2]} may have at most 3 metric steps; this request would make it 4`));
    expect([runs, points]).toEqual([RUNS.slice(0, 2), { [RUNS[0]]: 2, [RUNS[1]]: 3 }]);
  });

  it("stops at the params quota before writing the run", { timeout: 120_000 }, async () => {
    const { result, runs } = await importWith({ METRON_QUOTA_MAX_PARAMS_PER_RUN: "0" });
    expect(result.stderr.split("\n").at(-1)).toBe(quotaLine(`run ${RUNS[0]} may have at most 0 params; this request would make it 1`));
    expect(runs).toEqual([]);
  });

  it("counts copied artifacts against the experiment's bytes: exactly the limit, then the next file is refused", { timeout: 120_000 }, async () => {
    const { result, runs } = await importWith({ METRON_QUOTA_MAX_ARTIFACT_BYTES_PER_EXPERIMENT: "10" });
    expect(result.code).toBe(1);
    expect(result.stderr.split("\n").at(-1)).toBe(quotaLine("experiment 42 may have at most 10 artifact bytes; this request would make it 11"));
    expect(runs).toEqual(RUNS);
    expect((await sql!`select artifact_bytes::int as n from experiment_usage where experiment_id = 42`)[0].n).toBe(10);
    const stored = RUNS.map((id) => fs.existsSync(path.join(target!.artifactsDir, "42", id, "artifacts", "out.txt")));
    expect(stored).toEqual([true, true, false]);
  });
});
