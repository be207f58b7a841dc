import { TokenRateLimiter } from "./token-rate-limiter";

/** Hands the requests admitted here per token to the shared buckets; answers each bucket's level. */
export type ExchangeTokenRequests = (admitted: ReadonlyMap<number, number>) => Promise<Map<number, number>>;

export interface SharedTokenRateOptions {
  exchange: ExchangeTokenRequests;
  /** Removes shared buckets idle long enough to be full again (called about once a minute). */
  forgetIdle: () => Promise<void>;
  onError: (err: unknown) => void;
  /** How often admitted counts go out and levels come back; default 500 ms. */
  intervalMs?: number;
  clock?: () => number;
}

/** A token's level older than this is refreshed at its next request, without waiting for the timer. */
const STALE_MS = 1_000;
const FORGET_IDLE_EVERY_MS = 60_000;

/**
 * Requests per minute per API token across every replica on one database. Admission stays local (the token
 * bucket in memory: no database round trip per request); every ~0.5 s, and at once when a token has used an
 * eighth of its limit here or its level is over a second old, ONE statement hands the shared buckets what was
 * admitted here and sets the local buckets to their shared level. Bound: beyond its limit a token gets at most,
 * per other replica, what that replica admits before its next exchange returns: an eighth of the limit plus the
 * requests of one round trip (a burst on all replicas at the same instant), or ~0.5 s of requests.
 */
export class SharedTokenRate {
  private readonly local: TokenRateLimiter;
  private readonly exchangeEvery: number;
  /** Requests admitted here per token since the running exchange started (0: refused, or a stale level to refresh). */
  private admitted = new Map<number, number>();
  private readonly levelTime = new Map<number, number>();
  private exchanging: Promise<void> | undefined;
  private exchangeAgain = false;
  private timer: NodeJS.Timeout | undefined;
  private lastForget = 0;
  private failing = false;

  constructor(
    readonly perMinute: number,
    private readonly options: SharedTokenRateOptions,
  ) {
    this.local = new TokenRateLimiter(perMinute);
    this.exchangeEvery = Math.max(1, Math.floor(perMinute / 8));
  }

  /** Takes one request for `tokenId` at `now` (ms): null when allowed, else whole seconds until one is. */
  take(tokenId: number, now: number): number | null {
    this.startTimer();
    const isKnown = this.local.isTracked(tokenId) && now - (this.levelTime.get(tokenId) ?? -Infinity) <= STALE_MS;
    const retryAfter = this.local.take(tokenId, now);
    const count = (this.admitted.get(tokenId) ?? 0) + (retryAfter === null ? 1 : 0);
    this.admitted.set(tokenId, count);
    if (!isKnown || count >= this.exchangeEvery) this.exchangeSoon();
    return retryAfter;
  }

  /** Resolves once no exchange is running (tests: the replicas' levels are then up to date). */
  async settled(): Promise<void> {
    while (this.exchanging) await this.exchanging;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private startTimer(): void {
    this.timer ??= setInterval(() => this.tick(), this.options.intervalMs ?? 500).unref();
  }

  private tick(): void {
    const now = this.clock();
    if (this.admitted.size > 0) this.exchangeSoon();
    if (now - this.lastForget >= FORGET_IDLE_EVERY_MS) {
      this.lastForget = now;
      this.local.prune(now);
      for (const id of this.levelTime.keys()) if (!this.local.isTracked(id)) this.levelTime.delete(id);
      this.options.forgetIdle().catch(this.options.onError);
    }
  }

  /** One exchange at a time: asked for while one runs, the next starts when it returns. */
  private exchangeSoon(): void {
    if (this.exchanging) {
      this.exchangeAgain = true;
      return;
    }
    this.exchanging = this.runExchange().finally(() => {
      this.exchanging = undefined;
      // After a failure the timer retries: a database that is down is not hammered per request.
      if (this.exchangeAgain && !this.failing) {
        this.exchangeAgain = false;
        this.exchangeSoon();
      }
    });
  }

  private async runExchange(): Promise<void> {
    this.exchangeAgain = false;
    const sent = this.admitted;
    this.admitted = new Map();
    try {
      const levels = await this.options.exchange(sent);
      const now = this.clock();
      for (const [tokenId, available] of levels) {
        // Requests admitted here while the statement ran are not in the shared level yet.
        this.local.setAvailable(tokenId, available - (this.admitted.get(tokenId) ?? 0), now);
        this.levelTime.set(tokenId, now);
      }
      this.failing = false;
    } catch (err) {
      for (const [tokenId, count] of sent) this.admitted.set(tokenId, (this.admitted.get(tokenId) ?? 0) + count);
      if (!this.failing) this.options.onError(err); // once per outage, not every half second
      this.failing = true;
    }
  }

  private clock(): number {
    return (this.options.clock ?? Date.now)();
  }
}
