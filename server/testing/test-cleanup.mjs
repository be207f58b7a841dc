// What a test run leaves on the machine, and how it is removed: `npm test` (run-all-tests.mjs)
// calls these after the suites, whether they passed or not. Plain JavaScript: the runner is Node alone.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

export const DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/metron_test";

/**
 * Databases tests may create beside METRON_TEST_DATABASE_URL, named `<its name>_<suffix>`. A test
 * that needs another one adds its suffix here (test-server.ts refuses unknown ones), so that the
 * cleanup drops exactly this run's databases and never a neighbour's.
 */
export const DERIVED_DATABASE_SUFFIXES = /** @type {const} */ (["gc", "outage", "crash", "icu", "access_log", "cleanup", "search", "buckets", "buckets_plan", "signin", "token_rate", "shared_limits", "restsrc", "restdst", "filestore", "resume", "sqlite", "s3import", "cloudimport", "doors", "locality", "upgrade", "analyze", "accounts", "auth_server", "shares", "share_e2e", "quotas", "prepared", "authgate", "authmatrix", "importquota", "authdoors", "walk_sets", "metric_writes", "load", "scaleout", "fuzz_auth", "kill9", "drain", "diskfull", "block_backlog"]);

/**
 * `url` with the database `<name>_<suffix>`; suffix must be one of DERIVED_DATABASE_SUFFIXES.
 * @param {string} url
 * @param {string} suffix
 */
export function derivedDatabaseUrl(url, suffix) {
  if (!(/** @type {readonly string[]} */ (DERIVED_DATABASE_SUFFIXES).includes(suffix))) throw new Error(`unknown test database suffix '${suffix}': add it to DERIVED_DATABASE_SUFFIXES`);
  const derived = new URL(url);
  derived.pathname = `${derived.pathname}_${suffix}`;
  return derived.toString();
}

/** The names of every database a run against `url` may create: its own and the derived ones. */
export function testDatabaseNames(url) {
  const name = new URL(url).pathname.slice(1);
  return [name, ...DERIVED_DATABASE_SUFFIXES.map((suffix) => `${name}_${suffix}`)];
}

/**
 * Runs `work` connected to the server's `postgres` database (a database cannot drop itself).
 * @template T
 * @param {string} url
 * @param {(sql: import("postgres").Sql) => Promise<T>} work
 * @returns {Promise<T>}
 */
export async function asAdmin(url, work) {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await work(sql);
  } finally {
    await sql.end();
  }
}

/** Which of this run's databases exist on the server. */
export async function existingTestDatabases(url) {
  const names = testDatabaseNames(url);
  return asAdmin(url, async (sql) => (await sql`select datname from pg_database where datname = any(${names})`).map((r) => r.datname));
}

/** Drops this run's databases (only those: the names are listed, never matched by pattern); returns the dropped names. */
export async function dropTestDatabases(url) {
  const existing = await existingTestDatabases(url);
  await asAdmin(url, async (sql) => {
    for (const name of existing) await sql.unsafe(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`);
  });
  return existing;
}

/** A fresh folder under the system's temporary folder; the runner points TMPDIR at it for every suite. */
export function createScratchDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "metron-test-run-"));
}

/** Bytes under `dir` (0 when it is gone), for the runner's report. */
export function folderBytes(dir) {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name), { throwIfNoEntry: false })?.size ?? 0;
  }
  return total;
}
