import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** The real command, as `npx metron-collector` runs it. */
export const COLLECTOR_BIN = path.resolve(import.meta.dirname, "../metron-collector.mjs");

/**
 * A PATH with no nvidia-smi on it, so "no GPU" holds even on a GPU machine. The collector starts
 * no other program; commands wrapped in tests are given by absolute path.
 */
export const PATH_WITHOUT_GPUS = fs.mkdtempSync(path.join(os.tmpdir(), "metron-no-gpu-bin-"));

export interface CollectorRun {
  child: ChildProcess;
  startedAt: number;
  stdout(): string;
  stderr(): string;
  /** The collector's own one-line messages, without the "metron-collector: " prefix. */
  messages(): string[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Resolves once stderr matches `pattern`. */
  waitForMessage(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();

/**
 * Starts the collector with a clean environment: no MLFLOW_* variable of the test runner's, a
 * fresh spool folder, the tracking URI given, PATH without nvidia-smi, plus `env`.
 */
export function startCollector(args: string[], env: Record<string, string | undefined>): CollectorRun {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("MLFLOW_") && name !== "NODE_OPTIONS"));
  const childEnv: Record<string, string | undefined> = {
    ...base,
    PATH: PATH_WITHOUT_GPUS,
    CUDA_VISIBLE_DEVICES: undefined,
    METRON_COLLECTOR_SPOOL_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "metron-spool-")),
    ...env,
  };
  const startedAt = Date.now();
  const child = spawn(process.execPath, [COLLECTOR_BIN, ...args], { env: childEnv as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (stdout += chunk));
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once("close", (code, signal) => {
      running.delete(child);
      resolve({ code, signal, at: Date.now() });
    }),
  );
  return {
    child,
    startedAt,
    stdout: () => stdout,
    stderr: () => stderr,
    messages: () =>
      stderr
        .split("\n")
        .filter((line) => line.startsWith("metron-collector: "))
        .map((line) => line.slice("metron-collector: ".length)),
    exited,
    waitForMessage: (pattern, timeoutMs = 20_000) =>
      waitFor(() => pattern.test(stderr), timeoutMs, () => `collector output never matched ${pattern}:\n${stderr}`),
  };
}

/** Kills collectors a failed test left behind. */
export function killLeftoverCollectors(): void {
  for (const child of running) child.kill("SIGKILL");
}

/** Polls `condition` every 100 ms until it holds. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(describe());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
