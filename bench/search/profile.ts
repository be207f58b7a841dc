// Where does a runs/search answer spend its time? Runs the server's own service code in-process
// against an already-seeded bench database (run bench/search/run.ts first; it leaves the database
// in place) and times each stage: page query, run data (as values for tRPC, as JSON text for
// REST), assembly, wire shaping, JSON.
//
//   node --import tsx bench/search/profile.ts [max_results] [filter]
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "../../server/db/schema";
import type { Db } from "../../server/db/types";
import { searchRunPage } from "../../server/repositories/run-search-repository";
import { findRunData } from "../../server/repositories/runs-repository";
import { findDatasetInputs } from "../../server/repositories/inputs-repository";
import { findRunDataJson } from "../../server/repositories/run-data-json";
import { toWire } from "../../server/rest/mlflow/to-wire";
import { compileRunSearch } from "../../server/search/compile-run-search";
import { assembleRuns } from "../../server/services/runs/load-run";
import { stats } from "./measure";

const DATABASE_URL = process.env.METRON_BENCH_SEARCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_search";
const limit = Number(process.argv[2] ?? 1000);
const filter = process.argv[3] ?? "";
const orderBy = process.argv[4] ? [process.argv[4]] : [];

const client = postgres(DATABASE_URL, { max: 10, onnotice: () => {} });
const db = drizzle(client, { schema }) as unknown as Db;
const [{ id }] = await client`select experiment_id as id from experiments where name = 'search-bench'`;

const stages: Record<string, number[]> = {};
const time = async <T>(stage: string, work: () => Promise<T> | T): Promise<T> => {
  const started = performance.now();
  const result = await work();
  (stages[stage] ??= []).push(performance.now() - started);
  return result;
};

for (let round = 0; round < 40; round++) {
  const total = performance.now();
  const plan = compileRunSearch({ experimentIds: [id], filter, orderBy, runViewType: "ACTIVE_ONLY" });
  const rows = await time("page query", () => searchRunPage(db, { ...plan, limit: limit + 1 }));
  const ids = rows.map((r) => r.run.runUuid);
  await time("run data (params, tags, latest metrics)", () => findRunData(db, ids));
  await time("run data as JSON text (what REST sends)", () => findRunDataJson(db, ids));
  await time("dataset inputs", () => findDatasetInputs(db, ids));
  const runs = await time("assembleRuns (all of the above again)", () => assembleRuns(db, rows.map((r) => r.run)));
  const wire = await time("toWire", () => toWire({ runs }));
  await time("JSON.stringify", () => JSON.stringify(wire));
  (stages.total ??= []).push(performance.now() - total);
}
for (const [stage, samples] of Object.entries(stages)) {
  const s = stats(samples.slice(10));
  console.log(`${stage.padEnd(40)} p50 ${s.p50.toFixed(1).padStart(6)}  mean ${s.mean.toFixed(1).padStart(6)} ms`);
}
await client.end();
