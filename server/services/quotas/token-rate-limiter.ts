/**
 * Requests per minute per API token, as a token bucket: a burst of `perMinute`, refilled evenly over the
 * minute. In memory, for admission without a database round trip; shared-token-rate.ts keeps each bucket
 * level with the one every replica shares.
 */
export class TokenRateLimiter {
  private readonly buckets = new Map<number, { available: number; at: number }>();

  constructor(readonly perMinute: number) {}

  /** Takes one request for `tokenId` at `now` (ms): null when allowed, else whole seconds until one is. */
  take(tokenId: number, now: number): number | null {
    const perMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(tokenId);
    const available = bucket ? Math.min(this.perMinute, bucket.available + Math.max(0, now - bucket.at) * perMs) : this.perMinute;
    if (available >= 1) {
      this.buckets.set(tokenId, { available: available - 1, at: now });
      return null;
    }
    this.buckets.set(tokenId, { available, at: now });
    return perMs === 0 ? 60 : Math.max(1, Math.ceil((1 - available) / perMs / 1000));
  }

  /** Sets a token's bucket to what the shared one holds (below zero: others overdrew it; refused until refilled). */
  setAvailable(tokenId: number, available: number, now: number): void {
    this.buckets.set(tokenId, { available: Math.min(this.perMinute, available), at: now });
  }

  /** True while the process keeps a bucket for the token (it was used within the last minute or so). */
  isTracked(tokenId: number): boolean {
    return this.buckets.has(tokenId);
  }

  /** Forgets full buckets (a token idle for a minute), so the map holds only recently active tokens. */
  prune(now: number): void {
    const perMs = this.perMinute / 60_000;
    for (const [id, b] of this.buckets) if (b.available + (now - b.at) * perMs >= this.perMinute) this.buckets.delete(id);
  }
}
