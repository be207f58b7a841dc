// Where a runs/search answer of the scale benchmark spends its time: the server's own repository and
// wire code, in-process, against the database the last `npm run bench:scale` left (never analyzed by
// hand), stage by stage in round-robin (p50 / mean ms):
//   node --import tsx bench/scale/profile-search.ts
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { POSTGRES_SESSION } from "../../server/db/postgres-session";
import * as schema from "../../server/db/schema";
import type { Db } from "../../server/db/types";
import { findDatasetInputs, findModelLinks } from "../../server/repositories/inputs-repository";
import { findRunDataJson } from "../../server/repositories/run-data-json";
import { searchRunPage } from "../../server/repositories/run-search-repository";
import { writeRunsPage } from "../../server/rest/mlflow/runs-page-writer";
import { compileRunSearch } from "../../server/search/compile-run-search";
import { assembleRunsWithJsonData } from "../../server/services/runs/load-run";
import { stats } from "../search/measure";

const DATABASE_URL = process.env.METRON_BENCH_SCALE_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_scale";
const ROUNDS = Number(process.env.SCALE_REPETITIONS ?? 30);
const REQUESTS = [
  { name: "filter + metric order, 100", filter: "metrics.loss > 0.5 and params.lr = 'v3'", orderBy: ["metrics.accuracy DESC"], limit: 100 },
  { name: "1000-run page", filter: "", orderBy: [], limit: 1000 },
];

const client = postgres(DATABASE_URL, { max: 4, onnotice: () => {}, connection: { ...POSTGRES_SESSION } });
const db = drizzle(client, { schema }) as unknown as Db;
const ids = (await client<{ id: number }[]>`select experiment_id as id from experiments where name like 'scale-%' order by name limit 2`).map((r) => r.id);

const stages = new Map<string, number[]>();
async function time<T>(stage: string, work: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  const result = await work();
  const samples = stages.get(stage) ?? [];
  samples.push(performance.now() - started);
  stages.set(stage, samples);
  return result;
}

for (let round = 0; round < ROUNDS + 3; round++) {
  if (round === 3) stages.clear();
  for (const [label, id] of [["measured", ids[1]], ["big", ids[0]]] as const) {
    for (const request of REQUESTS) {
      const stage = (name: string) => `${label} ${request.name}: ${name}`;
      const total = performance.now();
      const plan = compileRunSearch({ experimentIds: [id], filter: request.filter, orderBy: request.orderBy, runViewType: "ACTIVE_ONLY" });
      const page = await time(stage("page query"), () => searchRunPage(db, { ...plan, limit: request.limit + 1 }));
      const rows = page.map((r) => r.run);
      const runIds = rows.map((r) => r.runUuid);
      await time(stage("data JSON alone"), () => findRunDataJson(db, runIds));
      await time(stage("inputs + links alone"), () => Promise.all([findDatasetInputs(db, runIds), findModelLinks(db, runIds)]));
      const runs = await time(stage("assembleRunsWithJsonData"), () => assembleRunsWithJsonData(db, rows));
      await time(stage("writeRunsPage + join"), () => writeRunsPage({ runs }).finish().join(""));
      const samples = stages.get(stage("total")) ?? [];
      samples.push(performance.now() - total);
      stages.set(stage("total"), samples);
    }
  }
}
for (const [stage, samples] of stages) {
  const s = stats(samples);
  console.log(`${stage.padEnd(60)} p50 ${s.p50.toFixed(1).padStart(6)}  mean ${s.mean.toFixed(1).padStart(6)} ms`);
}
await client.end();
