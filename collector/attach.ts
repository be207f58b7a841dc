import { clientFromConfig } from "./client-from-config.js";
import type { AttachConfig } from "./config.js";
import { CollectorExit, EXIT_CODES } from "./exit-codes.js";
import { FINAL_FLUSH_MS, MetricsSession } from "./metrics-session.js";
import { say } from "./say.js";
import { atStartup } from "./startup-errors.js";

/**
 * Attach mode: logs system metrics into an existing run until it leaves RUNNING (or a signal).
 * Points a previous collector left in the spool for this run are sent first.
 */
export async function attachToRun(config: AttachConfig): Promise<number> {
  const client = clientFromConfig(config);
  const run = await atStartup(() => client.getRun(config.runId), client.baseUrl, `run ${config.runId} does not exist on ${client.baseUrl}`);
  if (run.info.lifecycle_stage === "deleted") throw new CollectorExit(EXIT_CODES.notFound, `run ${config.runId} is deleted`);

  const session = new MetricsSession(config, client, run);
  if (run.info.status !== "RUNNING") {
    say(`run ${config.runId} is ${run.info.status}: nothing to monitor`);
    await session.close(Date.now() + FINAL_FLUSH_MS, `run is ${run.info.status}`);
    return session.wasRefused ? EXIT_CODES.failed : EXIT_CODES.ok;
  }
  say(session.statusLine(await session.startSamplers()));

  // SIGINT/SIGTERM: log the samples taken so far, try to send them once, and exit.
  const stop = new AbortController();
  let signalName: string | undefined;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      // A second signal means "now": what is unsent stays in the spool for the next collector.
      if (stop.signal.aborted) process.exit(EXIT_CODES.ok);
      signalName = signal;
      stop.abort();
    });
  }
  const result = await session.sample(stop.signal, { watchRunStatus: true });
  if (signalName) await session.close(Date.now(), signalName);
  else if (result.reason === "run-ended") await session.close(Date.now() + FINAL_FLUSH_MS, "the run is no longer RUNNING");
  else await session.close(Date.now(), "the server refused the metrics");
  return session.wasRefused ? EXIT_CODES.failed : EXIT_CODES.ok;
}
