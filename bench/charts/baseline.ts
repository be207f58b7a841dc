// A second server built from another checkout (METRON_BENCH_BASELINE_ROOT, e.g. a worktree of main with
// its own build) on the same database, so that the charts benchmarks time before and after in one run.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { benchServerHandle, type BenchServer } from "../search/server";

export const BASELINE_ROOT = process.env.METRON_BENCH_BASELINE_ROOT;

/** Starts `metron server` of the baseline checkout as it was built (no rebuild) and waits for /health. */
export async function startBaselineServer(root: string, databaseUrl: string): Promise<BenchServer> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "metron-bench-baseline-"));
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, METRON_ARTIFACTS_DIR: path.join(scratch, "artifacts") };
  Object.assign(env, { METRON_LOG_LEVEL: "warn", METRON_SKIP_BUILD_CHECK: "1", NEXT_TELEMETRY_DISABLED: "1" });
  delete env.NODE_OPTIONS; // tsx's loader must not leak into the server
  const child = spawn(process.execPath, ["--max-semi-space-size=32", path.join(root, "server/cli/metron.mjs"), "server", "--port", "0"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stderr.on("data", (chunk) => (output += chunk));
  const baseUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`baseline server did not listen within 120 s:\n${output}`)), 120_000);
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match) (clearTimeout(timer), resolve(match[1]));
    });
    child.once("exit", (code) => (clearTimeout(timer), reject(new Error(`baseline server exited with ${code}:\n${output}`))));
  });
  for (const deadline = Date.now() + 60_000; !(await fetch(`${baseUrl}/health`).then((r) => r.ok, () => false)); ) {
    if (Date.now() > deadline) throw new Error(`baseline server at ${baseUrl} never became healthy`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return benchServerHandle(child, baseUrl, scratch);
}
