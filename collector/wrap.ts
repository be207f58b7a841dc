import { spawn, type ChildProcess } from "node:child_process";
import os from "node:os";
import { isRetryable, type RunStatus, type TrackingClient, type WireTag } from "./client.js";
import { clientFromConfig } from "./client-from-config.js";
import { exitCodeForSignal, quoteCommandLine } from "./posix-shell.js";
import type { WrapConfig } from "./config.js";
import { EXIT_CODES } from "./exit-codes.js";
import { resolveExperimentId } from "./experiment.js";
import { FINAL_FLUSH_MS, MetricsSession } from "./metrics-session.js";
import { say } from "./say.js";
import { atStartup } from "./startup-errors.js";

/** Signals passed on to the command. TERM, INT and HUP also mean the run was killed. */
const FORWARDED_SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP", "SIGUSR1", "SIGUSR2"] as const;
const TERMINATING_SIGNALS = new Set<NodeJS.Signals>(["SIGTERM", "SIGINT", "SIGHUP"]);

interface CommandOutcome {
  exitCode: number;
  status: RunStatus;
  endTime: number;
  description: string;
}

/**
 * Wrap mode: creates a run, runs the command in it (MLFLOW_RUN_ID lets the command's own MLflow
 * client log into the same run) while sampling, then records the exit code and ends the run
 * FINISHED, FAILED or KILLED. Returns the command's exit code, which the collector exits with.
 */
export async function wrapCommand(config: WrapConfig): Promise<number> {
  const client = clientFromConfig(config);
  const experimentId = await resolveExperimentId(client, config);
  const run = await atStartup(
    () => client.createRun({ experimentId, runName: config.runName, startTime: Date.now(), tags: commandTags(config.command) }),
    client.baseUrl,
    `experiment ${experimentId} does not exist on ${client.baseUrl}`,
  );
  const runId = run.info.run_id;
  const session = new MetricsSession(config, client, run);
  say(session.statusLine(await session.startSamplers()));

  const child = spawn(config.command[0], config.command.slice(1), {
    stdio: "inherit",
    env: { ...process.env, MLFLOW_RUN_ID: runId, MLFLOW_TRACKING_URI: config.trackingUri, MLFLOW_EXPERIMENT_ID: experimentId },
  });
  const signals = forwardSignals(child);
  const stopSampling = new AbortController();
  const sampling = session.sample(stopSampling.signal, { watchRunStatus: false });
  const outcome = await waitForCommand(child, config.command[0], () => signals.terminatedBy);
  stopSampling.abort();
  await sampling;

  session.logTags([{ key: "metron.exit_code", value: String(outcome.exitCode) }]);
  const deadline = Date.now() + FINAL_FLUSH_MS;
  await session.close(deadline, outcome.description);
  await endRun(client, runId, outcome, deadline);
  return outcome.exitCode;
}

/** What the Python client would tag (user, source), plus the exact command line. */
function commandTags(command: string[]): WireTag[] {
  const commandLine = quoteCommandLine(command).slice(0, 8000);
  return [
    { key: "mlflow.user", value: process.env.MLFLOW_TRACKING_USERNAME || safeUserName() },
    { key: "mlflow.source.name", value: commandLine },
    { key: "mlflow.source.type", value: "LOCAL" },
    { key: "metron.command", value: commandLine },
  ];
}

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return "unknown";
  }
}

/**
 * Passes signals on to the command. In a terminal, Ctrl-C already reaches the whole foreground
 * process group, the command included, so SIGINT is only passed on when not in a terminal (else
 * the command would see it twice). Once the command has ended, a signal cuts the final flush short.
 */
function forwardSignals(child: ChildProcess): { readonly terminatedBy: NodeJS.Signals | undefined } {
  const state: { terminatedBy: NodeJS.Signals | undefined } = { terminatedBy: undefined };
  for (const signal of FORWARDED_SIGNALS) {
    process.on(signal, () => {
      if (child.exitCode !== null) process.exit(child.exitCode);
      if (child.signalCode !== null) process.exit(exitCodeForSignal(child.signalCode, os.constants.signals));
      if (TERMINATING_SIGNALS.has(signal)) state.terminatedBy = signal;
      if (signal !== "SIGINT" || !process.stdin.isTTY) child.kill(signal);
    });
  }
  return state;
}

function waitForCommand(child: ChildProcess, program: string, terminatedBy: () => NodeJS.Signals | undefined): Promise<CommandOutcome> {
  return new Promise((resolve) => {
    child.once("error", (err: NodeJS.ErrnoException) => {
      if (child.pid !== undefined) return; // an error after the start (e.g. a failed kill) changes nothing
      const exitCode = err.code === "ENOENT" ? EXIT_CODES.commandNotFound : 126;
      say(`cannot run '${program}': ${err.code === "ENOENT" ? "command not found" : err.message}`);
      resolve({ exitCode, status: "FAILED", endTime: Date.now(), description: `the command could not start, exit code ${exitCode}` });
    });
    child.once("exit", (code, signal) => {
      const endTime = Date.now();
      const exitCode = signal ? exitCodeForSignal(signal, os.constants.signals) : (code ?? EXIT_CODES.failed);
      const killed = signal !== null || terminatedBy() !== undefined;
      const status: RunStatus = killed ? "KILLED" : exitCode === 0 ? "FINISHED" : "FAILED";
      const description = signal ? `the command was ended by ${signal}` : `the command exited with code ${exitCode}`;
      resolve({ exitCode, status, endTime, description });
    });
  });
}

/** Sets the run's final status, retrying while the server is unreachable until `deadline`. */
async function endRun(client: TrackingClient, runId: string, outcome: CommandOutcome, deadline: number): Promise<void> {
  for (let delay = 1_000; ; delay = Math.min(delay * 2, 10_000)) {
    try {
      await client.updateRun(runId, outcome.status, outcome.endTime);
      return;
    } catch (err) {
      if (!isRetryable(err) || Date.now() + delay > deadline) {
        say(`could not set run ${runId} to ${outcome.status}: ${(err as Error).message}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
