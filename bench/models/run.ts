// Logged-model benchmark (issue 5), PostgreSQL mode. Seeds 10,000 checkpoints (100 runs × 100
// steps, 3 datasets × 2 metrics each) by COPY, then times logged-models/search through REST:
//   (a) 50 models ordered by metrics.accuracy on dataset "val" (DESC)              p95 ≤ 30 ms
//   (b) the same order, filtered: params.lr = '0.01' and metrics.accuracy > 0.8 on "val"
//   (c) page 2 of (a) via its next_page_token
//   (d) 50 models in the default order (newest first), no filter
// beside a search matching no model (what every answer costs at least), and prints EXPLAIN
// (ANALYZE, BUFFERS) of the SQL the server runs for (a).
//
//   npx next build          # otherwise the server builds itself first
//   npm run bench:models    # = node --import tsx bench/models/run.ts
//
// PostgreSQL: postgres://postgres@127.0.0.1:5432/metron_bench_models (METRON_BENCH_MODELS_DATABASE_URL),
// dropped and recreated on every run. On a shared machine compare figures within one run.
import { PgDialect } from "drizzle-orm/pg-core";
import os from "node:os";
import postgres from "postgres";
import { POSTGRES_SESSION } from "../../server/db/postgres-session";
import { loggedModelPageSql } from "../../server/repositories/logged-models-repository";
import { compileLoggedModelSearch, type LoggedModelOrder } from "../../server/search/compile-logged-model-search";
import { recreateDatabase } from "../../server/testing/test-server";
import { printTable, stats, timedPost, timeInterleaved } from "../search/measure";
import { cpuMeter } from "../search/cpu";
import { callMlflow, startServer } from "../search/server";
import { MODELS, seedCheckpoints } from "./seed";

const DATABASE_URL = process.env.METRON_BENCH_MODELS_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_models";
const ORDER_A: LoggedModelOrder[] = [{ fieldName: "metrics.accuracy", ascending: false, datasetName: "val" }];
const WIRE_ORDER_A = [{ field_name: "metrics.accuracy", ascending: false, dataset_name: "val" }];
const FILTER_B = "params.lr = '0.01' and metrics.accuracy > 0.8";

/* eslint-disable @typescript-eslint/no-explicit-any */
const modelCount = (body: any) => body.models?.length ?? 0;

async function main(): Promise<void> {
  console.log(`Metron logged-model benchmark — ${os.cpus().length} CPUs, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}\n`);
  await recreateDatabase(DATABASE_URL);
  const server = await startServer(DATABASE_URL);
  const sql = postgres(DATABASE_URL, { max: 4, onnotice: () => {}, connection: { ...POSTGRES_SESSION } });
  try {
    const { experiment_id } = await callMlflow(server.baseUrl, "experiments/create", { name: "models-bench" });
    const experimentId = Number(experiment_id);
    const [{ artifact_location }] = await sql`select artifact_location from experiments where experiment_id = ${experimentId}`;
    let started = performance.now();
    const counts = await seedCheckpoints(sql, experimentId, artifact_location);
    const seeded = performance.now() - started;
    started = performance.now();
    await sql`vacuum analyze`;
    console.log(
      `Seeded by COPY in ${(seeded / 1000).toFixed(1)} s (vacuum analyze ${((performance.now() - started) / 1000).toFixed(1)} s): ` +
        Object.entries(counts).map(([t, n]) => `${n.toLocaleString("en")} ${t}`).join(", "),
    );
    await benchmark(server.baseUrl, server.pid, sql, experimentId);
  } finally {
    await sql.end();
    await server.stop();
  }
}

async function benchmark(baseUrl: string, serverPid: number, sql: postgres.Sql, experimentId: number): Promise<void> {
  const url = `${baseUrl}/api/2.0/mlflow/logged-models/search`;
  const ids = [String(experimentId)];
  const bodyA = { experiment_ids: ids, order_by: WIRE_ORDER_A, max_results: 50 };
  const bodyB = { ...bodyA, filter: FILTER_B, datasets: [{ dataset_name: "val" }] };
  const first = (await timedPost(url, bodyA)).body;
  checkOrder(first.models, MODELS);
  const bodyC = { ...bodyA, page_token: first.next_page_token };
  checkOrder([...first.models, ...(await timedPost(url, bodyC)).body.models], MODELS);

  const meter = cpuMeter(serverPid, DATABASE_URL);
  const [floor, a, b, c, d] = await timeInterleaved([
    { label: "search matching no model (per-request floor)", url, body: { experiment_ids: ids, filter: "name = 'none'" }, count: modelCount },
    { label: "(a) 50 models, metrics.accuracy on val DESC", url, body: bodyA, count: modelCount },
    { label: `(b) ${FILTER_B} on val, same order`, url, body: bodyB, count: modelCount },
    { label: "(c) page 2 of (a) via page token", url, body: bodyC, count: modelCount },
    { label: "(d) 50 models, default order", url, body: { experiment_ids: ids, max_results: 50 }, count: modelCount },
  ], meter);
  console.log("");
  const p95 = stats(a.samples).p95;
  printTable([
    { id: "(-)", timing: floor, target: "", verdict: "" },
    { id: "(a)", timing: a, target: "p95 ≤ 30 ms", verdict: p95 <= 30 ? "MET" : "MISSED" },
    { id: "(b)", timing: b, target: "(no target)", verdict: "" },
    { id: "(c)", timing: c, target: "(no target)", verdict: "" },
    { id: "(d)", timing: d, target: "(no target)", verdict: "" },
  ], meter);
  console.log(`load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);

  // The page query of (a), compiled by the server's own modules, as the service sends it.
  const plan = compileLoggedModelSearch({ datasets: [], orderBy: ORDER_A });
  const query = new PgDialect().sqlToQuery(loggedModelPageSql({ experimentIds: [experimentId], ...plan, limit: 51, offset: 0 }));
  const rows = await sql.unsafe(`explain (analyze, buffers) ${query.sql}`, query.params as never[]);
  console.log(`\nSQL of (a):\n${query.sql.replace(/\s+/g, " ")}\nparams: ${JSON.stringify(query.params)}`);
  console.log(`\nEXPLAIN (ANALYZE, BUFFERS):\n${rows.map((r) => r["QUERY PLAN"]).join("\n")}`);
}

/** The answers must be what they ask for (distinct models, val accuracy descending), or timings mean nothing. */
function checkOrder(models: any[], total: number): void {
  const accuracy = (m: any) => m.data.metrics.find((x: any) => x.key === "accuracy" && x.dataset_name === "val").value;
  const values = models.map(accuracy);
  const distinct = new Set(models.map((m) => m.info.model_id)).size === models.length;
  if (!distinct || total < models.length || values.some((v, i) => i > 0 && values[i - 1] < v)) {
    throw new Error("search answered duplicate models or models out of order");
  }
}

await main();
