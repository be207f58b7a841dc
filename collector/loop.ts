import { aggregateSamples, type Sample } from "./aggregate.js";

/** A logged point: the aggregate of one window of samples, at its step. */
export interface LoggedPoint extends Sample {
  step: number;
}

export interface SamplingLoopOptions {
  sample(): Promise<Record<string, number>>;
  intervalMs: number;
  samplesBeforeLogging: number;
  firstStep: number;
  /** Receives each point as soon as its window is complete (and the last, partial window at the end). */
  onPoint(point: LoggedPoint): void;
  /**
   * Attach mode: asked after each sample (never twice at once, without holding up sampling);
   * answering false ends the loop. Failures (the server is down) are ignored.
   */
  isRunStillRunning?: () => Promise<boolean>;
  /** Ends the loop (a signal, the wrapped command's exit). */
  signal: AbortSignal;
}

export interface SamplingLoopResult {
  points: number;
  reason: "stopped" | "run-ended";
}

/**
 * Samples every interval on a fixed schedule (start + k × interval, skipping slots it fell behind
 * on), aggregates every `samplesBeforeLogging` samples into a point with the next step, and on the
 * way out logs the samples of the unfinished window too, so that stopping loses none.
 */
export async function runSamplingLoop(options: SamplingLoopOptions): Promise<SamplingLoopResult> {
  const runEnded = new AbortController();
  const stop = AbortSignal.any([options.signal, runEnded.signal]);
  const startedAt = Date.now();
  let window: Sample[] = [];
  let step = options.firstStep;
  let points = 0;
  let statusCheck: Promise<void> | undefined;

  const logWindow = () => {
    options.onPoint({ ...aggregateSamples(window), step });
    step += 1;
    points += 1;
    window = [];
  };

  for (let slot = 1; ; slot++) {
    if (!(await sleepUntil(startedAt + slot * options.intervalMs, stop))) break;
    const timestamp = Date.now();
    window.push({ timestamp, values: await options.sample() });
    if (window.length >= options.samplesBeforeLogging) logWindow();

    if (options.isRunStillRunning && !statusCheck) {
      statusCheck = options
        .isRunStillRunning()
        .then((running) => (running ? undefined : runEnded.abort()))
        .catch(() => undefined)
        .finally(() => (statusCheck = undefined));
    }
    slot = Math.max(slot, Math.floor((Date.now() - startedAt) / options.intervalMs));
  }
  if (window.length > 0) logWindow();
  return { points, reason: runEnded.signal.aborted ? "run-ended" : "stopped" };
}

/** Waits until `time` (epoch ms); false when `signal` ends the wait first. */
function sleepUntil(time: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const done = (reached: boolean) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      resolve(reached);
    };
    const onAbort = () => done(false);
    const timer = setTimeout(() => done(true), Math.max(0, time - Date.now()));
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
