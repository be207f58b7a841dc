// Hostile-input fuzzer, long form (issues #12, #21). Starts the built server on PGlite and on PostgreSQL
// in turn, with auth off and with auth on (as an admin, so requests reach the handlers), creates a few fixtures, and sends REQUESTS seeded hostile requests over every MLflow
// route, the artifact proxy, the download routes, the runs CSV, every tRPC procedure, pages and
// broken request lines (server/testing/fuzz/), with long values (1 MB strings, 100,000-deep
// nesting, 400-clause filters, 10,000-entry batches, bodies over each door's limit). Prints the counts
// by status and every 5xx, hang, non-JSON API error or oversized body not answered 413; exits 1 if any,
// or if /health or a plain log-batch fails afterwards.
//
//   npx next build && npm run build:rest
//   npm run bench:fuzz       # FUZZ_REQUESTS=5000 FUZZ_SEED=1 FUZZ_DRIVERS=pglite,postgres FUZZ_AUTH=off,on
//
// PostgreSQL: postgres://postgres@127.0.0.1:5432/metron_b_fuzz (METRON_BENCH_FUZZ_DATABASE_URL), recreated each run.
import fs from "node:fs";
import path from "node:path";
import { startAuthTestServer } from "../../server/testing/auth-server";
import { dropDatabase, startTestServer, type TestDriver, type TestServer } from "../../server/testing/test-server";
import { checkAfterFuzz, createFuzzAdminToken, createFuzzFixtures } from "../../server/testing/fuzz/fuzz-fixtures";
import { FUZZ_TARGETS } from "../../server/testing/fuzz/fuzz-requests";
import { runFuzz, type FuzzReport } from "../../server/testing/fuzz/run-fuzz";

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 5000);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const DRIVERS = (process.env.FUZZ_DRIVERS ?? "pglite,postgres").split(",") as TestDriver[];
const AUTH_MODES = (process.env.FUZZ_AUTH ?? "off,on").split(",");
const DATABASE_URL = process.env.METRON_BENCH_FUZZ_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_b_fuzz";

/** The server for one mode; with auth on, the admin's fresh token every request carries. */
async function startServer(driver: TestDriver, auth: string): Promise<{ server: TestServer; authorization?: string; pgliteDir?: string }> {
  if (auth !== "on") return { server: await startTestServer(driver, { databaseUrl: DATABASE_URL }) };
  const started = await startAuthTestServer(driver, DATABASE_URL);
  const authorization = await createFuzzAdminToken(started.server.baseUrl, "admin", started.password);
  return { server: started.server, authorization, pgliteDir: started.pgliteDir };
}

let failures = 0;
for (const driver of DRIVERS) for (const auth of AUTH_MODES) {
  const { server, authorization, pgliteDir } = await startServer(driver, auth);
  let report: FuzzReport;
  try {
    const fixtures = await createFuzzFixtures(server.baseUrl, authorization);
    report = await runFuzz({ baseUrl: server.baseUrl, fixtures, seed: SEED, requests: REQUESTS, size: "long", authorization });
    const after = await checkAfterFuzz(server.baseUrl, authorization);
    const afterText = `/health ${after.health}, log-batch ${after.logBatch}, read back ${JSON.stringify(after.history)}`;
    console.log(`\n== ${driver}, auth ${auth}: ${report.sent} requests (seed ${SEED}) in ${(report.ms / 1000).toFixed(1)} s; afterwards ${afterText}`);
    if (after.health !== "200 OK" || after.logBatch !== 200 || after.history.join() !== "0.5") failures++;
  } finally {
    await server.stop();
    if (driver === "postgres") await dropDatabase(DATABASE_URL);
    if (pgliteDir) fs.rmSync(path.dirname(pgliteDir), { recursive: true, force: true });
  }
  console.log(`statuses: ${JSON.stringify(report.byStatus)}`);
  console.log(`families: ${JSON.stringify(report.byFamily)}`);
  console.log(`routes and procedures hit: ${report.targetsHit.size} of ${FUZZ_TARGETS.length}`);
  const findingLists = [["5xx", report.serverErrors], ["non-JSON API errors", report.nonJsonErrors], ["no answer", report.hung], ["oversized not 413", report.wrongStatus]] as const;
  for (const [label, findings] of findingLists) {
    console.log(`${label}: ${findings.length}`);
    for (const f of findings.slice(0, 20)) console.log(`  ${f.status} ${f.request.slice(0, 200)}\n      ${f.body.slice(0, 200)}`);
    failures += findings.length;
  }
}
process.exit(failures > 0 ? 1 : 0);
