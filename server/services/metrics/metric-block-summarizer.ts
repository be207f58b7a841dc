import type { Db } from "../../db/types";
import { summarizeAllMetricBlockBacklog } from "../../repositories/metric-block-backlog-repository";

/** How often the server summarizes what was logged meanwhile; charts read the points of that time one by one. */
export const SUMMARIZE_INTERVAL_MS = 1_000;

/**
 * Keeps metric_blocks caught up with metric_block_backlog off the request path: once at start (what a
 * crash or stop left behind), then every `intervalMs`, one pass at a time, on a timer that does not keep
 * the process alive. Answers the function that stops it.
 */
export function startMetricBlockSummarizer(db: Db, options: { intervalMs?: number; onError: (err: unknown) => void }): () => void {
  let running = false;
  let stopped = false;
  const pass = () => {
    if (running || stopped) return;
    running = true;
    summarizeAllMetricBlockBacklog(db)
      .catch((err) => stopped || options.onError(err))
      .finally(() => (running = false));
  };
  const timer = setInterval(pass, options.intervalMs ?? SUMMARIZE_INTERVAL_MS);
  timer.unref();
  pass();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
