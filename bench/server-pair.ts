import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { dropDatabase, recreateDatabase } from "../server/testing/test-server";
import { readCpuSeconds, startBenchServer, type BenchServer } from "./ingest/server-process";

// A/B benchmarks of one setting (auth on/off, quotas on/off): two real servers on one fresh PostgreSQL
// database, measured in turns within one run, since a shared machine's speed drifts between runs.

export interface ServerPair<M extends string> {
  servers: Record<M, BenchServer>;
  stop(): Promise<void>;
}

/**
 * Recreates the database at `databaseUrl`, runs `seed` on it (what must exist before the servers start),
 * and starts one server per entry of `envs` on it, each with its own environment over the common one.
 */
export async function startServerPair<M extends string>(
  databaseUrl: string,
  envs: Record<M, Record<string, string>>,
  seed: (databaseUrl: string) => Promise<void> = async () => {},
): Promise<ServerPair<M>> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "metron-bench-pair-"));
  await recreateDatabase(databaseUrl);
  await seed(databaseUrl);
  const common = { DATABASE_URL: databaseUrl, METRON_ARTIFACTS_DIR: path.join(scratch, "artifacts"), METRON_LOG_LEVEL: "warn", METRON_ACCESS_LOG: "false" };
  const servers = {} as Record<M, BenchServer>;
  const stop = async () => {
    await Promise.all(Object.values<BenchServer>(servers).map((s) => s.stop()));
    await dropDatabase(databaseUrl);
    fs.rmSync(scratch, { recursive: true, force: true });
  };
  try {
    for (const mode of Object.keys(envs) as M[]) servers[mode] = await startBenchServer({ ...common, ...envs[mode] });
  } catch (err) {
    await stop();
    throw err;
  }
  return { servers, stop };
}

export interface Round {
  perSecond: number;
  cpuMsPerRequest: number;
}

/**
 * `clients` concurrent loops each sending `request(client, i)` one after another until `seconds` have
 * passed: requests per second, and the server's CPU per request (from /proc).
 */
export async function timedRound(server: BenchServer, clients: number, seconds: number, request: (client: number, i: number) => Promise<unknown>): Promise<Round> {
  const cpuBefore = readCpuSeconds(server.pid);
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let requests = 0;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < deadline; i++) {
        await request(client, i);
        requests++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: requests / elapsed, cpuMsPerRequest: ((readCpuSeconds(server.pid) - cpuBefore) / requests) * 1000 };
}

export function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * "a/b" line of one workload: median throughput and CPU per request of each side, the ratio of the
 * medians, and the median of each round's own a/b ratio (the two turns of a round run back to back, so
 * the machine's drift cancels best there). Rounds are paired by index.
 */
export function comparisonLine(name: string, a: { label: string; rounds: Round[] }, b: { label: string; rounds: Round[] }): string {
  const rate = (r: Round[]) => median(r.map((x) => x.perSecond));
  const cpu = (r: Round[]) => median(r.map((x) => x.cpuMsPerRequest));
  const ratio = rate(a.rounds) / rate(b.rounds);
  const paired = median(a.rounds.map((x, i) => x.perSecond / b.rounds[i].perSecond));
  const pairedCpu = median(a.rounds.map((x, i) => x.cpuMsPerRequest / b.rounds[i].cpuMsPerRequest));
  return (
    `${name}: ${a.label} ${Math.round(rate(a.rounds))}/s, ${b.label} ${Math.round(rate(b.rounds))}/s → throughput ${a.label}/${b.label} ${ratio.toFixed(3)}, ` +
    `per round ${paired.toFixed(3)} (${((1 - paired) * 100).toFixed(1)} % less); server CPU per request ${cpu(a.rounds).toFixed(2)} vs ${cpu(b.rounds).toFixed(2)} ms, ` +
    `per round ${pairedCpu.toFixed(3)}`
  );
}

export const loadAverage = (): string => os.loadavg().map((l) => l.toFixed(1)).join(" ");
