import type { Principal } from "./principal";

type UserPrincipal = Extract<Principal, { kind: "user" }>;

/**
 * The principals of API tokens and Basic credentials, keyed by the credential's sha256, so a script's
 * requests skip the database lookup. Correct only while every credential change reaches `clear` at once
 * (credential-changes.ts): it answers nothing while untrusted (no change notices can arrive) or while
 * this process is changing credentials, and a lookup that a clear overtook is not stored (its answer
 * may predate the change). The TTL only bounds what a change made outside the server leaves behind.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, { principal: UserPrincipal; expires: number }>();
  private generation = 0;
  private changesInFlight = 0;
  private trusted = false;

  constructor(
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string, now: number): UserPrincipal | undefined {
    if (!this.isUsable()) return undefined;
    const hit = this.entries.get(key);
    if (hit && hit.expires > now) return hit.principal;
    if (hit) this.entries.delete(key);
    return undefined;
  }

  /** Taken before the database lookup whose answer `set` may store. */
  ticket(): number {
    return this.generation;
  }

  set(key: string, principal: UserPrincipal, ticket: number, now: number): void {
    if (!this.isUsable() || ticket !== this.generation) return;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { principal, expires: now + this.ttlMs });
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
