import { isRetryable, type TrackingClient } from "./client.js";
import type { Spool } from "./spool.js";

export const BACKOFF = { firstMs: 1_000, maxMs: 30_000, retryAfterCapMs: 60_000 };

export interface ShipperEvents {
  /** The first failed send of an outage (server down, 5xx, 429). */
  onOutage(err: Error): void;
  /** A send succeeded after an outage. */
  onRecovered(): void;
  /** The server refused a batch for good (4xx): sending stops. */
  onRefused(err: Error): void;
}

/**
 * Sends the spool to the server, oldest first, one request at a time so that order is kept. When
 * the server is unreachable or answers 5xx/429, it waits with exponential back-off (honouring
 * Retry-After) while new points keep accumulating in the spool.
 */
export class Shipper {
  private sending: Promise<boolean> | undefined;
  private retryAt = 0;
  private backoffMs = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private flushing = false;
  private refusal: Error | undefined;

  constructor(
    private readonly client: TrackingClient,
    private readonly runId: string,
    private readonly spool: Spool,
    private readonly events: ShipperEvents,
  ) {}

  get refused(): Error | undefined {
    return this.refusal;
  }

  /** Starts sending what is pending, unless a send is under way or a back-off is running. */
  kick(): void {
    if (this.sending || this.refusal || this.flushing || this.retryTimer) return;
    this.sending = this.sendPending().finally(() => (this.sending = undefined));
  }

  /** Another call just succeeded, so the outage is over: retry now rather than when the back-off ends. */
  serverAnswered(): void {
    if (!this.retryTimer) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.kick();
  }

  /**
   * For shutdown: sends everything pending, retrying with back-off until `deadline` (epoch ms).
   * A deadline in the past still makes one attempt ("flush once"). True when nothing is left.
   */
  async flush(deadline: number): Promise<boolean> {
    this.flushing = true;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    await this.sending;
    for (;;) {
      if (this.refusal) return false;
      if (await this.sendPending()) return true;
      const wait = this.retryAt - Date.now();
      if (Date.now() + wait > deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  /** Sends batch after batch until the spool is empty (true) or a send fails (false). */
  private async sendPending(): Promise<boolean> {
    for (let batch = this.spool.nextBatch(); batch; batch = this.spool.nextBatch()) {
      try {
        await this.client.logBatch(this.runId, { metrics: batch.metrics, tags: batch.tags });
      } catch (err) {
        if (!isRetryable(err)) {
          this.refusal = err as Error;
          this.events.onRefused(this.refusal);
        } else {
          this.backOff(err as Error & { retryAfterMs?: number });
        }
        return false;
      }
      this.spool.acknowledge(batch.endOffset);
      if (this.backoffMs > 0) {
        this.backoffMs = 0;
        this.events.onRecovered();
      }
    }
    return true;
  }

  private backOff(err: Error & { retryAfterMs?: number }): void {
    if (this.backoffMs === 0) this.events.onOutage(err);
    this.backoffMs = this.backoffMs === 0 ? BACKOFF.firstMs : Math.min(this.backoffMs * 2, BACKOFF.maxMs);
    const delay = Math.max(this.backoffMs, Math.min(err.retryAfterMs ?? 0, BACKOFF.retryAfterCapMs));
    this.retryAt = Date.now() + delay;
    if (this.flushing) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.kick();
    }, delay);
  }
}
