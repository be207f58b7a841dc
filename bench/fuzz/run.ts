// Hostile-input fuzzer, long form (issue #12). Starts the built server on PGlite and on PostgreSQL
// in turn, creates a few fixtures, and sends REQUESTS seeded hostile requests over every MLflow
// route, the artifact proxy, the download routes, the runs CSV, every tRPC procedure, pages and
// broken request lines (server/testing/fuzz/), with long values (1 MB strings, 100,000-deep
// nesting, 400-clause filters). Prints the counts by status and every 5xx, hang or non-JSON API
// error; exits 1 if there is any.
//
//   npx next build && npm run build:rest
//   npm run bench:fuzz                      # FUZZ_REQUESTS=5000 FUZZ_SEED=1 FUZZ_DRIVERS=pglite,postgres
//
// PostgreSQL: postgres://postgres@127.0.0.1:5432/metron_b_fuzz (METRON_BENCH_FUZZ_DATABASE_URL), recreated each run.
import { dropDatabase, startTestServer, type TestDriver } from "../../server/testing/test-server";
import { createFuzzFixtures } from "../../server/testing/fuzz/fuzz-fixtures";
import { FUZZ_TARGETS } from "../../server/testing/fuzz/fuzz-requests";
import { runFuzz, type FuzzReport } from "../../server/testing/fuzz/run-fuzz";

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const DRIVERS = (process.env.FUZZ_DRIVERS ?? "pglite,postgres").split(",") as TestDriver[];
const DATABASE_URL = process.env.METRON_BENCH_FUZZ_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_b_fuzz";

let failures = 0;
for (const driver of DRIVERS) {
  const server = await startTestServer(driver, { databaseUrl: DATABASE_URL });
  let report: FuzzReport;
  try {
    const fixtures = await createFuzzFixtures(server.baseUrl);
    report = await runFuzz({ baseUrl: server.baseUrl, fixtures, seed: SEED, requests: REQUESTS, size: "long" });
    const health = await fetch(`${server.baseUrl}/health`);
    console.log(`\n== ${driver}: ${report.sent} requests (seed ${SEED}) in ${(report.ms / 1000).toFixed(1)} s; /health afterwards ${health.status}`);
    if (!health.ok) failures++;
  } finally {
    await server.stop();
    if (driver === "postgres") await dropDatabase(DATABASE_URL);
  }
  console.log(`statuses: ${JSON.stringify(report.byStatus)}`);
  console.log(`families: ${JSON.stringify(report.byFamily)}`);
  console.log(`routes and procedures hit: ${report.targetsHit.size} of ${FUZZ_TARGETS.length}`);
  for (const [label, findings] of [["5xx", report.serverErrors], ["non-JSON API errors", report.nonJsonErrors], ["no answer", report.hung]] as const) {
    console.log(`${label}: ${findings.length}`);
    for (const f of findings.slice(0, 20)) console.log(`  ${f.status} ${f.request.slice(0, 200)}\n      ${f.body.slice(0, 200)}`);
    failures += findings.length;
  }
}
process.exit(failures > 0 ? 1 : 0);
