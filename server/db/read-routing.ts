// The read-replica routing decision, kept free of I/O so that it can be tested as a table. Times are
// monotonic milliseconds (performance.now()) of this process; WAL positions are byte offsets.

export type ReadTarget = "replica" | "primary";

/** What the process last learnt about the replica (server/db/read-replica.ts keeps it current). */
export interface ReplicaView {
  /** Its last probe or read answered; false while it is down or refusing. */
  healthy: boolean;
  /** Every transaction the primary had committed by this time has been replayed on the replica. */
  caughtUpTo: number | undefined;
}

/**
 * Where one read goes. The replica only when it is up, behind by at most `maxLagMs`, and — for a caller
 * that wrote at `lastWriteAt` — known to hold everything committed up to then (read-your-writes).
 */
export function chooseReadTarget(replica: ReplicaView, lastWriteAt: number | undefined, now: number, maxLagMs: number): ReadTarget {
  if (!replica.healthy || replica.caughtUpTo === undefined) return "primary";
  if (now - replica.caughtUpTo > maxLagMs) return "primary";
  if (lastWriteAt !== undefined && lastWriteAt >= replica.caughtUpTo) return "primary";
  return "replica";
}

/** A WAL position as PostgreSQL prints it ("16/B374D848") as a number that compares. */
export function parseLsn(text: string): bigint {
  const match = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i.exec(text);
  if (!match) throw new Error(`not a WAL position: ${text}`);
  return (BigInt(`0x${match[1]}`) << 32n) + BigInt(`0x${match[2]}`);
}

/** Primary positions remembered while the replica has not replayed them (older ones add nothing newer ones do not). */
const MAX_PENDING = 64;

/**
 * How far the replica has caught up, in primary time: `notePrimary` records the primary's WAL position
 * read by a query started at a time (so it covers every commit finished before then); once the replica
 * has replayed that position, everything committed before that time is on the replica.
 */
export class ReplicaProgress {
  private pending: { at: number; lsn: bigint }[] = [];
  caughtUpTo: number | undefined;

  notePrimary(startedAt: number, lsn: bigint): void {
    this.pending.push({ at: startedAt, lsn });
    if (this.pending.length > MAX_PENDING) this.pending.shift();
  }

  noteReplayed(lsn: bigint): void {
    while (this.pending.length > 0 && this.pending[0].lsn <= lsn) {
      const { at } = this.pending.shift()!;
      if (this.caughtUpTo === undefined || at > this.caughtUpTo) this.caughtUpTo = at;
    }
  }
}

/**
 * When each caller last wrote, forgotten after `windowMs`: by then the replica has either replayed the
 * write or lags past the limit, and chooseReadTarget sends everybody to the primary anyway.
 */
export class RecentWriters {
  // Insertion order is write order (a write moves its caller to the end), so expiry trims from the front.
  private lastWrite = new Map<string, number>();

  constructor(private readonly windowMs: number) {}

  noteWrite(caller: string, now: number): void {
    this.lastWrite.delete(caller);
    this.lastWrite.set(caller, now);
    this.forgetBefore(now - this.windowMs);
  }

  lastWriteOf(caller: string, now: number): number | undefined {
    const at = this.lastWrite.get(caller);
    return at !== undefined && now - at <= this.windowMs ? at : undefined;
  }

  get size(): number {
    return this.lastWrite.size;
  }

  private forgetBefore(limit: number): void {
    for (const [caller, at] of this.lastWrite) {
      if (at >= limit) return;
      this.lastWrite.delete(caller);
    }
  }
}
