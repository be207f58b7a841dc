import fs from "node:fs";
import path from "node:path";
import type { WireMetric, WireTag } from "./client.js";

/** One write for the run: a logged point's metrics and/or tags (a log-batch body without run_id). */
export interface SpoolEntry {
  metrics?: WireMetric[];
  tags?: WireTag[];
}

/** MLflow's log-batch limits, which a replayed batch must respect. */
export const BATCH_LIMITS = { metrics: 1000, tags: 100, total: 1000, bodyBytes: 900_000 };

/** Consecutive spooled entries merged into one log-batch, and where the spool resumes after it. */
export interface PendingBatch {
  metrics: WireMetric[];
  tags: WireTag[];
  entries: number;
  endOffset: number;
}

const READ_CHUNK_BYTES = 1 << 20;

/**
 * An on-disk append-only queue of one run's writes, with `<name>.offset` marking what the server
 * acknowledged, so a crashed or restarted collector replays exactly the rest, in order (a point sent
 * twice is harmless: the server drops exact duplicates). Synchronous: one append per point is small.
 */
export class Spool {
  private readonly offsetFile: string;
  private offset: number;

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.offsetFile = `${file}.offset`;
    if (!fs.existsSync(file)) fs.writeFileSync(file, "");
    this.dropTornLastLine();
    this.offset = this.readOffset();
  }

  append(entry: SpoolEntry): void {
    fs.appendFileSync(this.file, `${JSON.stringify(entry)}\n`);
  }

  hasPending(): boolean {
    return fs.statSync(this.file).size > this.offset;
  }

  /** The oldest unacknowledged entries, merged into one batch within MLflow's log-batch limits. */
  nextBatch(): PendingBatch | undefined {
    const batch: PendingBatch = { metrics: [], tags: [], entries: 0, endOffset: this.offset };
    let bytes = 0;
    for (const { entry, endOffset, size } of this.readEntries(this.offset)) {
      const metrics = entry.metrics ?? [];
      const tags = entry.tags ?? [];
      const fits =
        batch.metrics.length + metrics.length <= BATCH_LIMITS.metrics &&
        batch.tags.length + tags.length <= BATCH_LIMITS.tags &&
        batch.metrics.length + batch.tags.length + metrics.length + tags.length <= BATCH_LIMITS.total &&
        bytes + size <= BATCH_LIMITS.bodyBytes;
      if (!fits && batch.entries > 0) break;
      batch.metrics.push(...metrics);
      batch.tags.push(...tags);
      batch.entries += 1;
      batch.endOffset = endOffset;
      bytes += size;
    }
    return batch.entries > 0 ? batch : undefined;
  }

  /** The server has what lies before `endOffset`; once everything is acknowledged the files are emptied. */
  acknowledge(endOffset: number): void {
    if (endOffset >= fs.statSync(this.file).size) {
      fs.truncateSync(this.file, 0);
      this.offset = 0;
    } else {
      this.offset = endOffset;
    }
    fs.writeFileSync(this.offsetFile, String(this.offset));
  }

  /** Unacknowledged entries (for messages at exit). */
  pendingEntries(): number {
    let count = 0;
    for (const _ of this.readEntries(this.offset)) count += 1;
    return count;
  }

  /** The highest step among unacknowledged metrics, so a restarted collector continues after it. */
  maxPendingStep(): number | undefined {
    let max: number | undefined;
    for (const { entry } of this.readEntries(this.offset)) {
      for (const metric of entry.metrics ?? []) max = max === undefined ? metric.step : Math.max(max, metric.step);
    }
    return max;
  }

  private *readEntries(from: number): Generator<{ entry: SpoolEntry; endOffset: number; size: number }> {
    const fd = fs.openSync(this.file, "r");
    try {
      let position = from;
      let carry = Buffer.alloc(0);
      const size = fs.fstatSync(fd).size;
      for (;;) {
        // Usually one small entry is pending: read what is there, not a whole chunk.
        const wanted = Math.min(READ_CHUNK_BYTES, size - position - carry.length);
        if (wanted <= 0) return;
        const chunk = Buffer.allocUnsafe(wanted);
        const read = fs.readSync(fd, chunk, 0, wanted, position + carry.length);
        if (read === 0) return;
        const data = Buffer.concat([carry, chunk.subarray(0, read)]);
        let lineStart = 0;
        for (let newline = data.indexOf(10); newline !== -1; newline = data.indexOf(10, lineStart)) {
          const entry = parseEntry(data.subarray(lineStart, newline).toString("utf8"));
          const size = newline + 1 - lineStart;
          lineStart = newline + 1;
          yield { entry, endOffset: position + lineStart, size };
        }
        position += lineStart;
        carry = data.subarray(lineStart);
      }
    } finally {
      fs.closeSync(fd);
    }
  }

  private readOffset(): number {
    const size = fs.statSync(this.file).size;
    const saved = Number(fs.existsSync(this.offsetFile) ? fs.readFileSync(this.offsetFile, "utf8") : "0");
    // Past the end: the spool was emptied and the crash came before the offset was reset. Replaying
    // from 0 after any other doubt is safe, since the server ignores exact duplicates.
    if (!Number.isInteger(saved) || saved <= 0 || saved > size) return 0;
    return this.isLineStart(saved) ? saved : 0;
  }

  private isLineStart(offset: number): boolean {
    const fd = fs.openSync(this.file, "r");
    try {
      const before = Buffer.alloc(1);
      fs.readSync(fd, before, 0, 1, offset - 1);
      return before[0] === 10;
    } finally {
      fs.closeSync(fd);
    }
  }

  /** A crash in the middle of an append leaves a line without its newline; that point is lost. */
  private dropTornLastLine(): void {
    const content = fs.readFileSync(this.file);
    if (content.length === 0 || content[content.length - 1] === 10) return;
    fs.truncateSync(this.file, content.lastIndexOf(10) + 1);
  }
}

/** A line damaged on disk carries nothing that could still be sent; it is skipped, not fatal. */
function parseEntry(line: string): SpoolEntry {
  try {
    return JSON.parse(line) as SpoolEntry;
  } catch {
    return {};
  }
}
