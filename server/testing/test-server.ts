import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asAdmin, DEFAULT_TEST_DATABASE_URL, derivedDatabaseUrl, DERIVED_DATABASE_SUFFIXES } from "./test-cleanup.mjs";

export type TestDriver = "pglite" | "postgres";

/** PostgreSQL used by the tests; CI creates it (see .ci/run). Override with METRON_TEST_DATABASE_URL. */
export const TEST_DATABASE_URL = process.env.METRON_TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL;

/** A database of the test's own beside TEST_DATABASE_URL (`<name>_<suffix>`), dropped by `npm test` at the end. */
export const testDatabaseUrl = (suffix: (typeof DERIVED_DATABASE_SUFFIXES)[number]): string => derivedDatabaseUrl(TEST_DATABASE_URL, suffix);

export interface TestServer {
  baseUrl: string;
  driver: TestDriver;
  process: ChildProcess;
  /** Everything the server wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

/** Drops and creates the database `url` names; `createOptions` follow CREATE DATABASE (e.g. a locale). */
export async function recreateDatabase(url: string, createOptions = ""): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  await asAdmin(url, async (sql) => {
    await sql.unsafe(`drop database if exists "${name}" with (force)`);
    await sql.unsafe(`create database "${name}" ${createOptions}`);
  });
}

export async function dropDatabase(url: string): Promise<void> {
  await asAdmin(url, (sql) => sql.unsafe(`drop database if exists "${new URL(url).pathname.slice(1)}" with (force)`));
}

/**
 * Starts the real server (`metron server`, the built app) on a free port, on a fresh PGlite folder
 * or a fresh PostgreSQL database, and resolves once /health answers 200.
 */
export async function startTestServer(
  driver: TestDriver,
  options: {
    env?: Record<string, string>;
    databaseUrl?: string;
    /** Listen on this port (a restart after an outage must come back where clients expect it). */
    port?: number;
    /** Open this PGlite folder instead of a fresh one, and keep it on stop (restart with the same data). */
    pgliteDir?: string;
    /** PostgreSQL: open the database as it is instead of recreating it (restart with the same data). */
    keepDatabase?: boolean;
    /** Extra `metron server` flags, e.g. --no-serve-artifacts. */
    args?: string[];
  } = {},
): Promise<TestServer> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    METRON_LOG_LEVEL: "warn",
    // `npm test` builds once up front; parallel test projects must not each start a build.
    METRON_SKIP_BUILD_CHECK: "1",
    NEXT_TELEMETRY_DISABLED: "1",
    ...options.env,
  };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS; // vitest's loader hooks must not leak into the server process
  let dataDir: string | undefined;
  if (driver === "postgres") {
    const url = options.databaseUrl ?? TEST_DATABASE_URL;
    if (!options.keepDatabase) await recreateDatabase(url);
    env.DATABASE_URL = url;
  } else if (options.pgliteDir) {
    env.METRON_DATA_DIR = options.pgliteDir;
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "metron-test-"));
    env.METRON_DATA_DIR = path.join(dataDir, "db");
  }
  const artifactsDir = env.METRON_ARTIFACTS_DIR ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), "metron-artifacts-"));
  env.METRON_ARTIFACTS_DIR ??= artifactsDir;

  const { child, baseUrl, output } = await spawnMetronServer(env, ["--port", String(options.port ?? 0), ...(options.args ?? [])]);
  await waitForHealth(baseUrl);

  return {
    baseUrl,
    driver,
    process: child,
    output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) { // a killed child has no exit code, only a signal
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      for (const dir of [dataDir, artifactsDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.ok) return;
      last = await res.text();
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`server at ${baseUrl} never became healthy: ${last}`);
}

/** Spawns `metron server` with `args` and resolves with its URL once it says it is listening. */
export async function spawnMetronServer(
  env: NodeJS.ProcessEnv,
  args: string[],
  timeoutMs = 240_000,
  /** Another built copy of the project (a benchmark's baseline); this one by default. */
  projectRoot = PROJECT_ROOT,
): Promise<{ child: ChildProcess; baseUrl: string; output: () => string }> {
  const child: ChildProcess = spawn(process.execPath, ["--max-semi-space-size=32", path.join(projectRoot, "server/cli/metron.mjs"), "server", ...args], {
    cwd: projectRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stderr!.on("data", (chunk) => (output += chunk));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not listen within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    child.stdout!.on("data", (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once("exit", (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return { child, baseUrl, output: () => output };
}
