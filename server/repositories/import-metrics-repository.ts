import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { sql } from "drizzle-orm";
import { boolArrayLiteral, numberArrayLiteral, textArrayLiteral } from "../db/pg-array";
import type { Db, DbKind } from "../db/types";

/** A point as `metron import` writes it; NaN and ±Infinity as JS numbers. */
export interface ImportedPoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
  /** MLflow 3: the logged model and dataset a point was logged against (REST sources that report them). */
  modelId?: string;
  datasetName?: string;
  datasetDigest?: string;
}

const COLUMNS = `metrics (run_uuid, key, step, "timestamp", value, is_nan, model_id, dataset_name, dataset_digest)`;

/**
 * Appends points of a run that has none of these keys yet, with COPY (PostgreSQL's bulk path: a
 * third of INSERT's cost per row). Must run inside the run's transaction, and only for points that
 * cannot repeat: postgres-js never settles a COPY that the primary key rejects after its last row.
 */
export async function copyMetricPoints(db: Db, kind: DbKind, runId: string, points: ImportedPoint[]): Promise<void> {
  if (points.length === 0) return;
  const text = toCopyText(runId, points);
  // The driver's own connection of this transaction: drizzle's session holds it.
  const client = (db as unknown as { session: { client: unknown } }).session.client;
  if (kind === "postgres") {
    const tx = client as { unsafe(query: string): { writable(): Promise<NodeJS.WritableStream> } };
    const writable = await tx.unsafe(`copy ${COLUMNS} from stdin`).writable();
    await pipeline(Readable.from([text]), writable);
  } else {
    const tx = client as { query(query: string, params: unknown[], options: { blob: Blob }): Promise<unknown> };
    await tx.query(`copy ${COLUMNS} from '/dev/blob'`, [], { blob: new Blob([text]) });
  }
}

/**
 * Appends points that may already be stored (a resumed run, or a source that can repeat a point):
 * duplicates are skipped. Returns how many rows were new.
 */
export async function mergeMetricPoints(db: Db, runId: string, points: ImportedPoint[]): Promise<number> {
  if (points.length === 0) return 0;
  const isNan = points.map((p) => Number.isNaN(p.value));
  const result = await db.execute(sql`
    insert into ${sql.raw(COLUMNS)}
    select ${runId}, key, step, ts, value, is_nan, model_id, dataset_name, dataset_digest from unnest(
      ${textArrayLiteral(points.map((p) => p.key))}::text[], ${numberArrayLiteral(points.map((p) => p.step))}::int8[],
      ${numberArrayLiteral(points.map((p) => p.timestamp))}::int8[],
      ${numberArrayLiteral(points.map((p, i) => (isNan[i] ? 0 : p.value)))}::float8[], ${boolArrayLiteral(isNan)}::bool[],
      ${textArrayLiteral(points.map((p) => p.modelId))}::text[], ${textArrayLiteral(points.map((p) => p.datasetName))}::text[],
      ${textArrayLiteral(points.map((p) => p.datasetDigest))}::text[]
    ) as p(key, step, ts, value, is_nan, model_id, dataset_name, dataset_digest)
    on conflict do nothing`);
  // postgres-js reports `count`, PGlite `affectedRows`.
  const { count, affectedRows } = result as unknown as { count?: number; affectedRows?: number };
  return Number(count ?? affectedRows ?? 0);
}

/** COPY's text format: tab-separated, NaN kept as value 0 plus is_nan (as every write path stores it). */
function toCopyText(runId: string, points: ImportedPoint[]): string {
  const run = escapeCopy(runId);
  let out = "";
  let lastKey = "";
  let escapedKey = "";
  for (const p of points) {
    if (p.key !== lastKey) {
      lastKey = p.key;
      escapedKey = escapeCopy(p.key);
    }
    const nan = Number.isNaN(p.value);
    out += `${run}\t${escapedKey}\t${p.step}\t${p.timestamp}\t${nan ? 0 : String(p.value)}\t${nan ? "t" : "f"}\t${copyText(p.modelId)}\t${copyText(p.datasetName)}\t${copyText(p.datasetDigest)}\n`;
  }
  return out;
}

const copyText = (text: string | undefined) => (text === undefined ? "\\N" : escapeCopy(text));

function escapeCopy(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r") : text;
}
