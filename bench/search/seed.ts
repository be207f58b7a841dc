import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Sql } from "postgres";

// The seeded data set, written straight into the server's tables with COPY (text format):
// RUNS runs in one experiment, each with PARAMS params p1..p20 = 'v0'..'v9' (so p1 = 'v3' selects
// ~10%), METRICS metrics m1..m10 uniform in [0, 1) (one history point each, mirrored in
// latest_metrics), TAGS tags t1..t5 of six random letters (so LIKE '%ab%' matches ~0.7%), and 1%
// of the runs deleted. Plus EXPERIMENTS experiments with two tags each. Deterministic (seeded PRNG).

export const RUNS = 100_000;
export const PARAMS = 20;
export const METRICS = 10;
export const TAGS = 5;
export const EXPERIMENTS = 5_000;
export const T0 = 1_700_000_000_000;

/** mulberry32: small, fast and seedable, so every bench run seeds the same data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = "abcdefghijklmnopqrstuvwxyz";
const HEX = "0123456789abcdef";
const pick = (random: () => number, alphabet: string, length: number) =>
  Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");

const makeRunUuid = (i: number) => i.toString(16).padStart(8, "0") + pick(prng(i + 1), HEX, 24);
let uuids: string[] | undefined;
/** Run i's id; computed once (every param, metric and tag row repeats it). */
export const runUuid = (i: number) => (uuids ??= Array.from({ length: RUNS }, (_, j) => makeRunUuid(j)))[i];

/** Rows of one table, joined into COPY text in chunks so that the stream is not a row per write. */
export function* chunked(count: number, row: (i: number) => string, chunkRows = 2000): Generator<string> {
  for (let start = 0; start < count; start += chunkRows) {
    let text = "";
    for (let i = start; i < Math.min(count, start + chunkRows); i++) text += row(i);
    yield text;
  }
}

export async function copyInto(sql: Sql, table: string, columns: string[], rows: Iterable<string>): Promise<void> {
  const writable = await sql.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
  await pipeline(Readable.from(rows), writable);
}

/** Seeds the runs of `experimentId` (tables from the server's migrations); returns row counts. */
export async function seedRuns(sql: Sql, experimentId: number): Promise<Record<string, number>> {
  const random = prng(42);
  const run = (i: number) => {
    const deleted = i % 100 === 99;
    const start = T0 + i * 1000;
    return [runUuid(i), `run-${i}`, experimentId, `user${i % 10}`, "FINISHED", start, start + 60_000, deleted ? start + 120_000 : "\\N", deleted ? "deleted" : "active", `file:///tmp/artifacts/${runUuid(i)}`].join("\t") + "\n";
  };
  const param = (i: number) => {
    const r = Math.floor(i / PARAMS);
    return `${runUuid(r)}\tp${(i % PARAMS) + 1}\tv${Math.floor(random() * 10)}\t${experimentId}\n`;
  };
  const values = Float64Array.from({ length: RUNS * METRICS }, () => random());
  const metricRow = (i: number, history: boolean) => {
    const r = Math.floor(i / METRICS);
    const row = [runUuid(r), `m${(i % METRICS) + 1}`, 0, T0 + r * 1000 + 30_000, values[i], "f"];
    return (history ? [...row, "\\N", "\\N", "\\N"] : [...row, experimentId]).join("\t") + "\n";
  };
  const tag = (i: number) => `${runUuid(Math.floor(i / TAGS))}\tt${(i % TAGS) + 1}\t${pick(random, LETTERS, 6)}\t${experimentId}\n`;

  const metricColumns = ["run_uuid", "key", "step", "timestamp", "value", "is_nan"];
  await copyInto(sql, "runs", ["run_uuid", "name", "experiment_id", "user_id", "status", "start_time", "end_time", "deleted_time", "lifecycle_stage", "artifact_uri"], chunked(RUNS, run));
  // Independent tables: two COPY streams at a time (the machine has two cores).
  await Promise.all([
    copyInto(sql, "params", ["run_uuid", "key", "value", "experiment_id"], chunked(RUNS * PARAMS, param)),
    copyInto(sql, "metrics", [...metricColumns, "model_id", "dataset_name", "dataset_digest"], chunked(RUNS * METRICS, (i) => metricRow(i, true))),
  ]);
  await Promise.all([
    copyInto(sql, "latest_metrics", [...metricColumns, "experiment_id"], chunked(RUNS * METRICS, (i) => metricRow(i, false))),
    copyInto(sql, "tags", ["run_uuid", "key", "value", "experiment_id"], chunked(RUNS * TAGS, tag)),
  ]);
  return { runs: RUNS, params: RUNS * PARAMS, metrics: RUNS * METRICS, latest_metrics: RUNS * METRICS, tags: RUNS * TAGS };
}

/** EXPERIMENTS experiments named `bench-<team>-<i>-<letters>`, each with tags team and owner. */
export async function seedExperiments(sql: Sql): Promise<void> {
  const random = prng(7);
  const teams = ["vision", "nlp", "speech", "rl", "tabular"];
  const experiment = (i: number) =>
    [`bench-${teams[i % teams.length]}-${String(i).padStart(5, "0")}-${pick(random, LETTERS, 4)}`, `file:///tmp/artifacts/e${i}`, "active", T0 + i * 60_000, T0 + i * 60_000].join("\t") + "\n";
  await copyInto(sql, "experiments", ["name", "artifact_location", "lifecycle_stage", "creation_time", "last_update_time"], chunked(EXPERIMENTS, experiment));
  await sql`
    insert into experiment_tags (experiment_id, key, value)
    select experiment_id, k, case k when 'team' then split_part(name, '-', 2) else 'owner' || (experiment_id % 20) end
    from experiments cross join (values ('team'), ('owner')) as keys(k)
    where name like 'bench-%'`;
}
