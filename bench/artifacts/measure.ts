// Measuring helpers shared by the artifact benches (run.ts on local disk, stores.ts on remote stores).
import { spawn, spawnSync } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import { pipeline } from "node:stream/promises";

export const MiB = 1024 * 1024;

/** Peak VmRSS of a process while `work` runs, sampled every 100 ms. */
export async function peakRss<T>(pid: number, work: () => Promise<T>): Promise<{ result: T; peakMiB: number }> {
  let peak = 0;
  const sample = () => {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    if (match) peak = Math.max(peak, Number(match[1]) / 1024);
  };
  sample();
  const timer = setInterval(sample, 100);
  try {
    const result = await work();
    sample();
    return { result, peakMiB: peak };
  } finally {
    clearInterval(timer);
  }
}

/** Seconds `work` takes, started on a quiet disk: dirty pages flushed first. */
export async function timed(work: () => Promise<unknown>): Promise<number> {
  spawnSync("sync");
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

// The client is curl, a lean C client, so that the figures measure the server, not a second Node
// process competing with it for the same two cores.
export function curl(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("curl", ["--silent", "--show-error", "--fail", ...args], { stdio: ["ignore", "ignore", "inherit"] });
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`curl exited with ${code}`))));
  });
}

export async function sha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  await pipeline(fs.createReadStream(file, { highWaterMark: 4 * MiB }), hash);
  return hash.digest("hex");
}

/** Writes `sizeMiB` MiB of random bytes to `file`, 64 MiB at a time. */
export function writeRandomFile(file: string, sizeMiB: number): void {
  const block = randomBytes(64 * MiB);
  const out = fs.openSync(file, "w");
  for (let written = 0; written < sizeMiB * MiB; written += block.length) {
    fs.writeSync(out, block, 0, Math.min(block.length, sizeMiB * MiB - written));
  }
  fs.closeSync(out);
}
