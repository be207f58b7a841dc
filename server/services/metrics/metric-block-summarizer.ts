import type { Db } from "../../db/types";
import { METRIC_BLOCK_WIDTHS } from "../../db/schema";
import { listBacklogRuns, summarizeMetricBlockBacklog } from "../../repositories/metric-block-backlog-repository";

/** How often the server summarizes what was logged meanwhile; charts read the points of that time one by one. */
export const SUMMARIZE_INTERVAL_MS = 1_000;
/** Series summarized per transaction; a stop waits for one such transaction at most. */
const SERIES_PER_TRANSACTION = 500;
/** Runs a pass lists at a time; a full listing is followed by the next one in the same pass. */
const RUNS_PER_LISTING = 1000;

/**
 * Keeps metric_blocks caught up with metric_block_backlog off the request path: once at start (what a
 * crash or stop left behind), then every `intervalMs`, one pass at a time, on a timer that does not keep
 * the process alive. Answers the function that stops it (once a pass in flight has ended).
 */
export function startMetricBlockSummarizer(db: Db, options: { intervalMs?: number; onError: (err: unknown) => void }): () => Promise<void> {
  let running: Promise<void> | undefined;
  let stopped = false;
  // One transaction per run: a writer of a claimed series waits for the claim's commit, and a batch writes
  // one run, so each writer waits only while its own run is rebuilt (all runs in one transaction: bulk
  // log-batch requests spent 63 % of their time in that wait).
  const drain = async () => {
    for (;;) {
      const runs = await listBacklogRuns(db, RUNS_PER_LISTING);
      for (const runId of runs) {
        while ((await summarizeMetricBlockBacklog(db, SERIES_PER_TRANSACTION, METRIC_BLOCK_WIDTHS, runId)) === SERIES_PER_TRANSACTION && !stopped);
        if (stopped) return;
      }
      if (runs.length < RUNS_PER_LISTING) return;
    }
  };
  const pass = () => {
    if (running || stopped) return;
    running = drain()
      .catch((err) => void (stopped || options.onError(err)))
      .finally(() => (running = undefined));
  };
  const timer = setInterval(pass, options.intervalMs ?? SUMMARIZE_INTERVAL_MS);
  timer.unref();
  pass();
  // Stopping waits for a pass in flight, so that the database is not closed under it.
  return async () => {
    stopped = true;
    clearInterval(timer);
    await running;
  };
}
