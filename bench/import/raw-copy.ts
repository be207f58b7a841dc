import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import sqlite from "node-sqlite3-wasm";
import type postgres from "postgres";

/**
 * The floor to compare with: the same rows read from the same SQLite file and streamed into the
 * same `metrics` table by ONE COPY, with no transaction per run, no latest_metrics, no checks.
 */
export async function rawCopy(file: string, sql: postgres.Sql): Promise<number> {
  const db = new sqlite.Database(file, { readOnly: true });
  const statement = db.prepare("select run_uuid, key, step, timestamp, value, is_nan from metrics");
  let rows = 0;
  try {
    async function* text() {
      let chunk = "";
      for (const r of statement.iterate() as IterableIterator<Record<string, number | string>>) {
        chunk += `${r.run_uuid}\t${r.key}\t${r.step}\t${r.timestamp}\t${r.value}\t${r.is_nan ? "t" : "f"}\n`;
        if (++rows % 10_000 === 0) {
          yield chunk;
          chunk = "";
        }
      }
      if (chunk) yield chunk;
    }
    const writable = await sql`copy metrics (run_uuid, key, step, "timestamp", value, is_nan) from stdin`.writable();
    await pipeline(Readable.from(text()), writable);
  } finally {
    statement.finalize();
    db.close();
  }
  return rows;
}
