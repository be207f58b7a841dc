// Prints the plans of the scale benchmark's searches on its database as left by the last run:
//   node --import tsx bench/scale/explain-probe.ts
import postgres from "postgres";
import { POSTGRES_SESSION } from "../../server/db/postgres-session";
import { explainRunSearch } from "../search/explain";

const DATABASE_URL = process.env.METRON_BENCH_SCALE_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench_scale";

async function main() {
  const sql = postgres(DATABASE_URL, { max: 1, onnotice: () => {}, connection: { ...POSTGRES_SESSION, statement_timeout: 60_000 } });
  const ids = (await sql<{ id: number }[]>`select experiment_id as id from experiments where name like 'scale-%' order by name limit 2`).map((r) => r.id);
  for (const id of [ids[1], ids[0]]) {
    for (const request of [
      { filter: "metrics.loss > 0.5 and params.lr = 'v3'", orderBy: ["metrics.accuracy DESC"], limit: 100 },
      { filter: "", orderBy: [], limit: 1000 },
    ]) {
      const { plan } = await explainRunSearch(sql, { experimentIds: [id], ...request });
      console.log(`\n=== experiment ${id} ${JSON.stringify(request)}\n${plan}`);
    }
  }
  await sql.end();
}
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
