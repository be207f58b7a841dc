import type { ChildProcess } from "node:child_process";
import { spawnMetronServer } from "../../server/testing/test-server";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

export interface BenchServer {
  baseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts the built server as a user would (`metron server --port 0`) against `databaseUrl` and
 * resolves once /health answers 200. A missing or stale build is rebuilt by the server itself.
 */
export async function startServer(databaseUrl: string | undefined, options: { cpuProfileDir?: string } = {}): Promise<BenchServer> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "metron-bench-search-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // No URL: embedded PGlite in a fresh data folder.
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : { METRON_DATA_DIR: path.join(scratch, "pglite") }),
    METRON_ARTIFACTS_DIR: path.join(scratch, "artifacts"),
    METRON_LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  if (!databaseUrl) delete env.DATABASE_URL;
  delete env.NODE_OPTIONS; // tsx's loader must not leak into the server
  // A V8 CPU profile of the whole server run, written when it stops (bench/scale's SCALE_CPU_PROF).
  if (options.cpuProfileDir) {
    env.NODE_OPTIONS = `--import=${path.join(PROJECT_ROOT, "bench/scale/cpu-profile.mjs")}`;
    env.METRON_BENCH_CPU_PROFILE_DIR = options.cpuProfileDir;
  }
  // The server rebuilds a missing or stale build itself, hence the long wait.
  const { child, baseUrl } = await spawnMetronServer(env, ["--port", "0"], 300_000);
  await waitForHealth(baseUrl);
  return benchServerHandle(child, baseUrl, scratch);
}

/** A started server as the benches hold it: stop() ends the process (SIGTERM) and removes its scratch folder. */
export function benchServerHandle(child: ChildProcess, baseUrl: string, scratch: string): BenchServer {
  return {
    baseUrl,
    pid: child.pid!,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      fs.rmSync(scratch, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(baseUrl: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ok = await fetch(`${baseUrl}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`server at ${baseUrl} never became healthy`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** POSTs to an MLflow endpoint; throws on a non-200 answer. */
export async function callMlflow(baseUrl: string, endpoint: string, body: unknown): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${baseUrl}/api/2.0/mlflow/${endpoint}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${endpoint} answered ${res.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}
