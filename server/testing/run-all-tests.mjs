#!/usr/bin/env node
// `npm test`: builds once (Next's type check included), runs unit, integration (PGlite and PostgreSQL) and
// e2e tests with TMPDIR in one scratch folder, then removes it and the run's databases whatever the
// outcome, and checks nothing is left. Ends with "N passed, N failed".
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createScratchDir, DEFAULT_TEST_DATABASE_URL, dropTestDatabases, existingTestDatabases, folderBytes } from "./test-cleanup.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const reports = path.join(root, "reports");
fs.mkdirSync(reports, { recursive: true });
process.env.NEXT_TELEMETRY_DISABLED = "1";
// The type check must run here, whatever the caller's environment says.
delete process.env.METRON_QUICK_BUILD;
const databaseUrl = process.env.METRON_TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;
const scratch = createScratchDir();
const bin = (name) => path.join(root, "node_modules", ".bin", name);

let current;
let interrupted;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    interrupted = signal;
    current?.kill(signal); // Ctrl-C reaches the suite directly; a signal sent to this process only does not
  });
}

function run(label, command, args, env = {}) {
  if (interrupted) return Promise.resolve(false);
  console.log(`\n=== ${label}`);
  const started = Date.now();
  return new Promise((resolve) => {
    current = spawn(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, TMPDIR: scratch, ...env } });
    current.once("exit", (code) => {
      current = undefined;
      console.log(`=== ${label}: exit ${code} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve(code === 0);
    });
  });
}

let passed = 0;
let failed = 0;
try {
  ({ passed, failed } = await runSuites());
} finally {
  failed += await cleanUp();
}
if (interrupted) console.log(`\ninterrupted by ${interrupted}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && !interrupted ? 0 : 1);

async function runSuites() {
  if (!(await run("build", bin("next"), ["build"]))) return { passed: 0, failed: 1 };
  const vitestJson = path.join(reports, "vitest.json");
  const e2eJson = path.join(reports, "e2e.json");
  fs.rmSync(vitestJson, { force: true });
  fs.rmSync(e2eJson, { force: true });
  const unitOk = await run("unit + integration (PGlite, PostgreSQL)", bin("vitest"), [
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${vitestJson}`,
  ]);
  const e2eOk = await run("e2e (Chromium)", bin("playwright"), ["test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: e2eJson,
  });

  let passed = 0;
  let failed = 0;
  if (fs.existsSync(vitestJson)) {
    const report = JSON.parse(fs.readFileSync(vitestJson, "utf8"));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    if (report.numTotalTests === 0) failed += 1;
  } else failed += 1;
  if (fs.existsSync(e2eJson)) {
    const { stats } = JSON.parse(fs.readFileSync(e2eJson, "utf8"));
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
    if (stats.expected + stats.flaky + stats.unexpected === 0) failed += 1;
  } else failed += 1;
  // A suite that crashed before reporting counts as a failure even when no test failed.
  if (!unitOk || !e2eOk) failed = Math.max(failed, 1);
  return { passed, failed };
}

/** Removes the scratch folder and this run's databases, then checks nothing is left: 1 if something is. */
async function cleanUp() {
  console.log("\n=== cleanup");
  const problems = [];
  const bytes = fs.existsSync(scratch) ? folderBytes(scratch) : 0;
  fs.rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  if (fs.existsSync(scratch)) problems.push(`the scratch folder ${scratch} is still there`);
  try {
    const dropped = await dropTestDatabases(databaseUrl);
    const left = await existingTestDatabases(databaseUrl);
    if (left.length > 0) problems.push(`databases still there: ${left.join(", ")}`);
    console.log(`removed ${scratch} (${(bytes / 2 ** 20).toFixed(1)} MiB); dropped ${dropped.join(", ") || "no databases"}`);
  } catch (err) {
    problems.push(`could not drop the test databases: ${err.message}`);
  }
  for (const problem of problems) console.log(`cleanup failed: ${problem}`);
  return problems.length > 0 ? 1 : 0;
}
