// Ingest benchmark for PostgreSQL mode: prints, beside their targets,
//   1. cold start (spawn → first 200 on /health) for PGlite fresh, PGlite reopened, PostgreSQL fresh;
//   2. log-batch throughput: 4 concurrent keep-alive clients × 50 requests × 1000 points, count verified;
//   3. the same 200,000 rows by raw COPY (1000 rows per statement, 4 connections), and the ratio;
//   4. the server's RSS after the ingest and its peak (sampled every 100 ms).
// Steps 2 and 3 alternate for 3 rounds (HTTP, COPY, HTTP, COPY …) into fresh runs / a truncated copy table.
//
//   npx next build            # assumed done: this script builds nothing and refuses a stale build
//   npm run bench:ingest      # = node --import tsx bench/ingest/run.ts
//
// PostgreSQL: postgres://postgres@127.0.0.1:5432/metron_bench (METRON_BENCH_DATABASE_URL), dropped
// and recreated on every run. Everything is loopback. On a shared machine compare the figures of
// one run with each other (ratios, CPU seconds), not with another run's.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isBuildStale } from "../../server/cli/start-server.mjs";
import { recreateDatabase } from "../../server/testing/test-server";
import { CLIENTS, createRuns, callMlflow, ingestOverHttp, ingestWithCopy, openBenchSql, REQUESTS_PER_CLIENT, TOTAL_POINTS, type Measurement } from "./ingest";
import { mib, printColdStart, printResults, printRound } from "./report";
import { PROJECT_ROOT, readRssMiB, startBenchServer, type BenchServer } from "./server-process";
import { POINTS_PER_REQUEST } from "./workload";

const DATABASE_URL = process.env.METRON_BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/metron_bench";
const REPEATS = 3;

async function main(): Promise<void> {
  if (isBuildStale(PROJECT_ROOT)) throw new Error("the Next.js build is missing or older than the sources: run `npx next build` first");
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "metron-bench-"));
  const artifacts = { METRON_ARTIFACTS_DIR: path.join(scratch, "artifacts") };
  try {
    console.log(`Metron ingest benchmark — ${os.cpus().length} CPUs, Node ${process.version}, load average ${os.loadavg()[0].toFixed(1)}\n`);

    console.log("Cold start: spawn → first 200 on /health");
    const pgliteDir = { METRON_DATA_DIR: path.join(scratch, "pglite"), ...artifacts };
    await measureColdStart("PGlite, fresh data dir (initdb + migrations)", pgliteDir);
    await measureColdStart("PGlite, reopening the same dir", pgliteDir);
    await recreateDatabase(DATABASE_URL);
    const server = await startBenchServer({ DATABASE_URL, ...artifacts });
    printColdStart("PostgreSQL, fresh database (migrations)", server);
    try {
      await benchmarkIngest(server);
    } finally {
      await server.stop();
    }
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

async function measureColdStart(label: string, env: Record<string, string>): Promise<void> {
  const server = await startBenchServer(env);
  printColdStart(label, server);
  await server.stop();
}

/** REPEATS rounds of (HTTP ingest into 4 new runs, then COPY of the same rows), alternating. */
async function benchmarkIngest(server: BenchServer): Promise<void> {
  // Spare connections beyond the COPY clients' reserved ones, for verification queries.
  const sql = openBenchSql(DATABASE_URL, CLIENTS + 2);
  try {
    await sql`create table metrics_copy (like metrics including all)`;
    const { experiment_id: experimentId } = await callMlflow(server.baseUrl, "experiments/create", { name: "ingest-bench" });
    console.log(
      `\nIngest: ${CLIENTS} clients × ${REQUESTS_PER_CLIENT} log-batch requests × ${POINTS_PER_REQUEST} points = ` +
        `${TOTAL_POINTS.toLocaleString("en")} points per round, then the same rows by COPY`,
    );
    console.log(`  server RSS before ingest: ${mib(readRssMiB(server.pid))}`);
    const http: Measurement[] = [];
    const copy: Measurement[] = [];
    for (let round = 1; round <= REPEATS; round++) {
      const startTime = Date.now();
      const runIds = await createRuns(server.baseUrl, experimentId, `round-${round}`, startTime);
      http.push(await ingestOverHttp(sql, server, runIds, startTime));
      copy.push(await ingestWithCopy(sql, runIds, startTime));
      printRound(round, http[round - 1], copy[round - 1]);
    }
    printResults(http, copy, readRssMiB(server.pid));
  } finally {
    await sql.end();
  }
}

await main();
