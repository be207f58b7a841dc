/**
 * What the gate looked up for one request and may reuse for the next: API tokens' principals, users'
 * grants. Correct only while every access change reaches `clear` at once (access-changes.ts): it answers
 * nothing while untrusted (no change notices can arrive) or while this process is changing access, and a
 * lookup that a clear overtook is not stored (its answer may predate the change). The TTL only bounds
 * what a change made outside the server (an UPDATE by hand) leaves behind.
 */
export class AccessCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();
  private generation = 0;
  private changesInFlight = 0;
  private trusted = false;

  constructor(
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, now: number): V | undefined {
    if (!this.isUsable()) return undefined;
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.value;
    if (hit) this.entries.delete(key);
    return undefined;
  }

  /** Taken before the database lookup whose answer `set` may store. */
  ticket(): number {
    return this.generation;
  }

  set(key: string, value: V, ticket: number, now: number): void {
    if (!this.isUsable() || ticket !== this.generation) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { value, expires: now + this.ttlMs });
  }

  /** Forgets everything; lookups already under way are not stored. */
  clear(): void {
    this.entries.clear();
    this.generation++;
  }

  /** Whether change notices can reach this process (PostgreSQL: its LISTEN connection is open). */
  setTrusted(trusted: boolean): void {
    this.trusted = trusted;
    this.clear();
  }

  /** Until the matching `endChange` (after the change's transaction ended) the cache answers nothing. */
  beginChange(): void {
    this.changesInFlight++;
    this.clear();
  }

  endChange(): void {
    this.changesInFlight--;
    this.clear();
  }

  private isUsable(): boolean {
    return this.trusted && this.changesInFlight === 0;
  }
}
