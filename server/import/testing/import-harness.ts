import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { recreateDatabase, startTestServer, testDatabaseUrl, type TestDriver, type TestServer } from "../../testing/test-server";

const CLI = path.resolve(import.meta.dirname, "../../cli/metron.mjs");

/** The environment `metron` subcommands get in tests: no vitest loader hooks, no inherited database. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, METRON_LOG_LEVEL: "warn", ...extra };
  delete env.NODE_OPTIONS;
  delete env.DATABASE_URL;
  return env;
}

const clean = (text: string) => text.replace(/\(node:\d+\) NodeVersionSupportWarning[\s\S]*?(?=\n\S|$)/g, "").trim();

export function runCli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { env: cliEnv(env), encoding: "utf8", timeout: 600_000 });
  return { code: result.status, stdout: result.stdout.trimEnd(), stderr: clean(result.stderr) };
}

/** Starts `metron import …` as a child process in its own group (to SIGKILL it whole), with its stderr. */
export function spawnImport(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [CLI, "import", ...args], { env: cliEnv(env), detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  return { child, stderr: () => stderr };
}

/** A fresh Metron database (PostgreSQL database or PGlite folder) and artifact folder to import into. */
export interface ImportTarget {
  driver: TestDriver;
  /** `--backend-store-uri … --artifacts-destination …` for `metron import`. */
  args: string[];
  artifactsDir: string;
  databaseUrl?: string;
  /** A Metron server on the imported data (stop it before importing again on PGlite). */
  start(): Promise<TestServer>;
  dispose(): void;
}

export async function createImportTarget(driver: TestDriver, name: Parameters<typeof testDatabaseUrl>[0]): Promise<ImportTarget> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `metron-import-${name}-`));
  const artifactsDir = path.join(tmp, "artifacts");
  fs.mkdirSync(artifactsDir);
  if (driver === "postgres") {
    const databaseUrl = testDatabaseUrl(name);
    await recreateDatabase(databaseUrl);
    return {
      driver,
      artifactsDir,
      databaseUrl,
      args: ["--backend-store-uri", databaseUrl, "--artifacts-destination", artifactsDir],
      start: () => startTestServer("postgres", { databaseUrl, keepDatabase: true, env: { METRON_ARTIFACTS_DIR: artifactsDir } }),
      dispose: () => fs.rmSync(tmp, { recursive: true, force: true }),
    };
  }
  const dataDir = path.join(tmp, "db");
  return {
    driver,
    artifactsDir,
    args: ["--backend-store-uri", dataDir, "--artifacts-destination", artifactsDir],
    start: () => startTestServer("pglite", { pgliteDir: dataDir, env: { METRON_ARTIFACTS_DIR: artifactsDir } }),
    dispose: () => fs.rmSync(tmp, { recursive: true, force: true }),
  };
}
