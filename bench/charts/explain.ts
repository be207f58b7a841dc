// Prints EXPLAIN (ANALYZE, BUFFERS) of the charts.series query as the server runs it:
//   node --import tsx bench/charts/explain.ts <database url> <run id> <key> [x] [buckets] [window json]
import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { POSTGRES_SESSION } from "../../server/db/postgres-session";
import { executeRows } from "../../server/db/rows";
import type { Db } from "../../server/db/types";
import { metricBucketsSql, type XAxis } from "../../server/repositories/metric-buckets-repository";

const [url, runId, key, x = "step", buckets = "1000", window = "{}"] = process.argv.slice(2);
// The server's session settings, so that the plan is the one the server gets.
const client = postgres(url, { max: 1, onnotice: () => {}, connection: { ...POSTGRES_SESSION } });
const db = drizzle(client) as unknown as Db;
const query = metricBucketsSql({ series: [{ runId, key }], x: x as XAxis, window: JSON.parse(window), buckets: Number(buckets) }, "values");
// A new connection plans with cold catalog caches: METRON_EXPLAIN_REPEAT=n prints the n-th run's plan.
let plan: Record<string, string>[] = [];
for (let i = 0; i < Number(process.env.METRON_EXPLAIN_REPEAT ?? 1); i++) plan = await executeRows<Record<string, string>>(db, sql`explain (analyze, buffers, timing ${sql.raw(process.env.METRON_EXPLAIN_TIMING ? "on" : "off")}) ${query}`);
console.log(plan.map((r) => r["QUERY PLAN"]).join("\n"));
await client.end();
