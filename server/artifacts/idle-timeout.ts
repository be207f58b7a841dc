/** How long a cloud store call may stay unanswered unless METRON_ARTIFACT_STORE_TIMEOUT says otherwise. */
export const DEFAULT_STORE_ANSWER_TIMEOUT_MS = 10_000;

/** A store that has answered nothing for a while: reported with Node's own code for a timeout. */
export class StoreIdleTimeout extends Error {
  readonly code = "ETIMEDOUT";

  constructor(idleMs: number) {
    super(`no answer from the store for ${idleMs / 1000} s`);
  }
}

/**
 * An abort signal that fires once `touch()` has not been called for `idleMs`: a bound on silence,
 * not on the whole request, so long transfers that keep moving are never cut.
 */
export class IdleWatchdog {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  timedOut = false;

  constructor(private readonly idleMs: number) {
    this.touch();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  touch(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new StoreIdleTimeout(this.idleMs));
    }, this.idleMs);
    this.timer.unref();
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}

/** Runs `work` under a watchdog; when the watchdog fired, its timeout is the error, whatever the SDK threw. */
export async function withIdleTimeout<T>(idleMs: number, work: (watchdog: IdleWatchdog) => Promise<T>): Promise<T> {
  const watchdog = new IdleWatchdog(idleMs);
  try {
    return await work(watchdog);
  } catch (err) {
    if (watchdog.timedOut) throw new StoreIdleTimeout(idleMs);
    throw err;
  } finally {
    watchdog.stop();
  }
}
