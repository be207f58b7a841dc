#!/usr/bin/env node
// `npm test`: builds the app once, then runs the unit tests, the integration tests against a real
// server on PGlite and on PostgreSQL, and the Playwright e2e tests in Debian's Chromium. Ends with
// the plain summary line "N passed, N failed".
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const reports = path.join(root, "reports");
fs.mkdirSync(reports, { recursive: true });
process.env.NEXT_TELEMETRY_DISABLED = "1";
const bin = (name) => path.join(root, "node_modules", ".bin", name);

function run(label, command, args, env = {}) {
  console.log(`\n=== ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...env } });
  console.log(`=== ${label}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return result.status === 0;
}

const built = run("build", bin("next"), ["build"]);
if (!built) {
  console.log("\n0 passed, 1 failed");
  process.exit(1);
}

const vitestJson = path.join(reports, "vitest.json");
const e2eJson = path.join(reports, "e2e.json");
fs.rmSync(vitestJson, { force: true });
fs.rmSync(e2eJson, { force: true });
const unitOk = run("unit + integration (PGlite, PostgreSQL)", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${vitestJson}`,
]);
const e2eOk = run("e2e (Chromium)", bin("playwright"), ["test", "--reporter=list,json"], {
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
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
