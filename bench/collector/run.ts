// Benchmark of the collector's own cost: it monitors a run at a 1 s interval for 5 minutes (or
// --duration seconds) against a server started here, and prints its CPU time as a share of one
// core and its peak resident memory, next to the targets (≤ 1 %, ≤ 80 MiB).
//   node --import tsx bench/collector/run.ts [--duration 300] [--interval 1]
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startTestServer } from "../../server/testing/test-server";

const TARGET_CPU_PERCENT = 1;
const TARGET_PEAK_RSS_MIB = 80;

const { values } = parseArgs({ options: { duration: { type: "string", default: "300" }, interval: { type: "string", default: "1" } } });
const durationS = Number(values.duration);
const intervalS = Number(values.interval);
const root = path.resolve(import.meta.dirname, "../..");
const bin = path.join(root, "collector/metron-collector.mjs");
const clockTicksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** CPU seconds of the process itself and of the children it waited for (nvidia-smi on GPU machines). */
function cpuSeconds(pid: number): { own: number; children: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = (i: number) => Number(fields[i]);
  return { own: (ticks(11) + ticks(12)) / clockTicksPerSecond, children: (ticks(13) + ticks(14)) / clockTicksPerSecond };
}

/** Peak resident set size so far (VmHWM), in MiB. */
function peakRssMiB(pid: number): number {
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]);
  return kb / 1024;
}

async function api(baseUrl: string, endpoint: string, body?: unknown) {
  const res = await fetch(`${baseUrl}/api/2.0/mlflow/${endpoint}`, body === undefined ? {} : {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return res.json();
}

execFileSync(process.execPath, [bin, "--help"], { stdio: "ignore" }); // compile first, outside the measurement
console.log(`collector benchmark: ${durationS} s at a ${intervalS} s interval, attach mode, against a PGlite server on this machine`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, load average at start ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
const server = await startTestServer("pglite");
try {
  const runId = (await api(server.baseUrl, "runs/create", { experiment_id: "0" })).run.info.run_id as string;
  const env: NodeJS.ProcessEnv = { ...process.env, MLFLOW_TRACKING_URI: server.baseUrl, METRON_COLLECTOR_SPOOL_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "metron-bench-spool-")) };
  delete env.NODE_OPTIONS;
  const collector = spawn(process.execPath, [bin, "--run-id", runId, "--interval", String(intervalS)], { env, stdio: ["ignore", "inherit", "pipe"] });
  let stderr = "";
  const started = new Promise<void>((resolve) =>
    collector.stderr!.on("data", (chunk) => {
      stderr += chunk;
      if (stderr.includes("sampling every")) resolve();
    }),
  );
  const exited = new Promise<number | null>((resolve) => collector.once("exit", resolve));
  await started;
  const pid = collector.pid!;
  const atStart = cpuSeconds(pid);
  const measuredFrom = performance.now();
  await new Promise((resolve) => setTimeout(resolve, durationS * 1000));
  const atEnd = cpuSeconds(pid);
  const elapsedS = (performance.now() - measuredFrom) / 1000;
  const peak = peakRssMiB(pid);

  await api(server.baseUrl, "runs/update", { run_id: runId, status: "FINISHED" });
  const exitCode = await exited;
  const history = await (await fetch(`${server.baseUrl}/api/2.0/mlflow/metrics/get-history?run_id=${runId}&metric_key=system/cpu_utilization_percentage`)).json();
  const steadyCpu = atEnd.own - atStart.own + (atEnd.children - atStart.children);
  const cpuPercent = (steadyCpu / elapsedS) * 100;
  const verdict = (ok: boolean) => (ok ? "✓ within target" : "✗ over target");
  console.log(`points logged: ${history.metrics.length} (collector exit code ${exitCode}); ${stderr.trim().split("\n").at(-1)}`);
  console.log(`start-up CPU time (process start to first status line): ${(atStart.own + atStart.children).toFixed(2)} s`);
  console.log(
    `CPU time over ${elapsedS.toFixed(1)} s of sampling: ${steadyCpu.toFixed(2)} s = ${cpuPercent.toFixed(2)} % of one core ` +
      `(own ${(atEnd.own - atStart.own).toFixed(2)} s, children ${(atEnd.children - atStart.children).toFixed(2)} s; target ≤ ${TARGET_CPU_PERCENT} %) ${verdict(cpuPercent <= TARGET_CPU_PERCENT)}`,
  );
  console.log(`peak RSS (VmHWM): ${peak.toFixed(1)} MiB (target ≤ ${TARGET_PEAK_RSS_MIB} MiB) ${verdict(peak <= TARGET_PEAK_RSS_MIB)}`);
  console.log(`load average at end ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}`);
} finally {
  await server.stop();
}
