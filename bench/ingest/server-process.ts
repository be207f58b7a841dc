import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { spawnMetronServer } from "../../server/testing/test-server";

export const PROJECT_ROOT = path.resolve(import.meta.dirname, "../..");

export interface BenchServer {
  baseUrl: string;
  pid: number;
  /** Spawn → "Metron listening" on stdout. */
  listeningMs: number;
  /** Spawn → first 200 from /health (database open and migrated). */
  coldStartMs: number;
  /** What the server wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Spawns `metron server --port 0` exactly as a user would (same CLI, build-staleness check on) and
 * times it from spawn to the first 200 on /health. `env` picks the database: DATABASE_URL for
 * PostgreSQL, METRON_DATA_DIR for PGlite.
 */
export async function startBenchServer(env: Record<string, string>): Promise<BenchServer> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...env };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  delete childEnv.NODE_OPTIONS;

  const started = performance.now();
  const { child, baseUrl, output } = await spawnMetronServer(childEnv, ["--port", "0"], 60_000);
  const listeningMs = performance.now() - started;
  await waitForHealth(baseUrl, output);
  const coldStartMs = performance.now() - started;
  return { baseUrl, pid: child.pid!, listeningMs, coldStartMs, output, stop: () => stopProcess(child) };
}

/** Polls every 10 ms so that the measured cold start is not rounded up to a coarse interval. */
async function waitForHealth(baseUrl: string, output: () => string): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (performance.now() < deadline) {
    try {
      const res = await fetch(`${baseUrl}/health`);
      const body = await res.text();
      if (res.ok) return;
      if (res.status !== 503) throw new Error(`/health answered ${res.status}: ${body}`);
    } catch (err) {
      if (!(err instanceof TypeError)) throw err; // TypeError: connection refused/reset, retry
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`server at ${baseUrl} never became healthy:\n${output()}`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** Resident set size of a process in MiB, from /proc/<pid>/status (VmRSS). */
export function readRssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  return kib / 1024;
}

/** User + system CPU seconds a process has used so far, from /proc/<pid>/stat. */
export function readCpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15 (1-based).
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
}

/** Samples a process's RSS every `intervalMs` until stopped; returns the peak seen. */
export function sampleRss(pid: number, intervalMs = 100): { stop(): number } {
  let peak = readRssMiB(pid);
  const timer = setInterval(() => (peak = Math.max(peak, readRssMiB(pid))), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, readRssMiB(pid));
    },
  };
}
