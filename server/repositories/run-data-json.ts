import { and, sql, type SQL } from "drizzle-orm";
import { latestMetrics, params, tags } from "../db/schema";
import { executeRows } from "../db/rows";
import type { Db } from "../db/types";
import { anyText } from "./any-of";
import { doubleJson } from "./double-json";
import { jsonStrings } from "./json-string";
import type { RunDataKeys } from "./runs-repository";

/**
 * A page of runs' `data` as wire JSON written by the database (runs/search): as values, a 1000-run page's
 * ~35,000 entries cost ~35 ms of our one thread; as text, PostgreSQL's backends write them in parallel.
 * Byte for byte what toWire + jsonReply would write: doubles as MLflow's, keys in byte order, no empty lists.
 */
export async function findRunDataJson(db: Db, runIds: string[], keys: RunDataKeys = {}): Promise<Map<string, string>> {
  if (runIds.length === 0) return new Map();
  const byteOrder = await keysSortInByteOrder(db);
  const kinds = KINDS.filter(({ name }) => keys[name]?.length !== 0);
  const queries = kinds.map(({ name, table, entry }) => listsByRun(name, table, entry, runIds, keys[name], byteOrder));
  const rows = queries.length === 0 ? [] : await runLists(db, queries, runIds.length);
  const lists = new Map<string, Partial<Record<Kind, string>>>();
  for (const row of rows) {
    let byKind = lists.get(row.run_id);
    if (!byKind) lists.set(row.run_id, (byKind = {}));
    byKind[row.kind] = row.list;
  }
  return new Map(
    runIds.map((id) => {
      const byKind = lists.get(id);
      const fields: string[] = [];
      // The order of Run.data's fields, which toWire keeps.
      if (byKind?.metrics) fields.push(`"metrics":[${byKind.metrics}]`);
      if (byKind?.params) fields.push(`"params":[${byKind.params}]`);
      if (byKind?.tags) fields.push(`"tags":[${byKind.tags}]`);
      return [id, `{${fields.join(",")}}`];
    }),
  );
}

const SINGLE_STATEMENT_MAX_RUNS = 200;

/**
 * A large page runs one statement per kind, side by side on three backends (most of the time is
 * PostgreSQL writing JSON); a small one saves the round trips and plans as one union.
 */
async function runLists(db: Db, queries: SQL[], pageSize: number): Promise<ListRow[]> {
  if (pageSize <= SINGLE_STATEMENT_MAX_RUNS) return executeRows<ListRow>(db, sql.join(queries, sql` union all `));
  return (await Promise.all(queries.map((query) => executeRows<ListRow>(db, query)))).flat();
}

type Kind = "metrics" | "params" | "tags";
type ListRow = { kind: Kind; run_id: string; list: string };

// Strings as to_json writes them, which escapes exactly the characters JSON.stringify escapes (", \, and
// controls as \b \f \n \r \t or lower-case \u00xx), so they come out byte for byte the same.
function keyValueEntry(table: typeof params | typeof tags): SQL {
  return jsonStrings([sql`${table.key}`, sql`${table.value}`], ([key, value]) => sql`'{"key":' || ${key} || ',"value":' || ${value} || '}'`);
}

// NaN is stored as is_nan (value 0); the value is spelled as MLflow spells a double (3.0, 1e-07).
const METRIC_ENTRY = sql`${jsonStrings([sql`${latestMetrics.key}`], ([key]) => sql`'{"key":' || ${key}`)}
  || ',"value":' || ${doubleJson(sql`${latestMetrics.value}`, sql`${latestMetrics.isNan}`)}
  || ',"timestamp":' || ${latestMetrics.timestamp} || ',"step":' || ${latestMetrics.step} || '}'`;

const KINDS: { name: Kind; table: typeof params | typeof tags | typeof latestMetrics; entry: SQL }[] = [
  { name: "metrics", table: latestMetrics, entry: METRIC_ENTRY },
  { name: "params", table: params, entry: keyValueEntry(params) },
  { name: "tags", table: tags, entry: keyValueEntry(tags) },
];

/**
 * One row per run with entries of this kind, their JSON joined in key order. Ordered by a sorted subquery,
 * not an ordered aggregate (which sorts each group alone, 2× the cost); with a byte-order collation the
 * primary key already gives the order and nothing sorts.
 */
function listsByRun(
  kind: Kind,
  table: typeof params | typeof tags | typeof latestMetrics,
  entry: SQL,
  runIds: string[],
  wanted: string[] | undefined,
  byteOrder: boolean,
): SQL {
  // Parenthesised so that it can stand as a branch of a union.
  return sql`(select ${kind}::text as kind, run_id, string_agg(entry, ',') as list from (
      select ${table.runUuid} as run_id, ${entry} as entry from ${table}
      where ${and(anyText(table.runUuid, runIds), wanted && anyText(table.key, wanted))}
      order by ${table.runUuid}, ${byteOrder ? table.key : sql`${table.key} collate "C"`}
    ) as entries group by run_id)`;
}

// Collations whose order is that of the UTF-8 bytes (code points): the default of `initdb` on
// Debian (C.UTF-8), of PGlite (C) and of PostgreSQL 17's builtin provider.
const BYTE_ORDER_COLLATIONS = new Set(["C", "POSIX", "C.UTF-8", "C.utf8", "ucs_basic"]);
// Keys that a locale's order puts elsewhere than byte order does: case, punctuation, accents,
// digits, full-width and astral characters. Sorted both ways as a check that the name is not lying
// (libc's C.UTF-8 sorts by code point only since glibc 2.35).
const ORDER_PROBE = ["B", "a", "_", "-", "a b", "a.b", "aa", "é", "e", "日本", "\uFF01", "\u{1D400}", "\u00A0", "Z", "10", "9"];
const collationChecks = new WeakMap<Db, Promise<boolean>>();

/** Whether the key columns (which take the database's default collation) sort by bytes; asked once per connection pool. */
function keysSortInByteOrder(db: Db): Promise<boolean> {
  let check = collationChecks.get(db);
  if (!check) {
    check = executeRows<{ collation: string; provider: string; bytewise: boolean }>(
      db,
      sql`select datcollate as collation, datlocprovider as provider,
        (select array_agg(k order by k) = array_agg(k order by k collate "C") from unnest(${sql.param(ORDER_PROBE)}::text[]) as k) as bytewise
        from pg_database where datname = current_database()`,
    ).then(
      ([row]) => row !== undefined && row.provider !== "i" && BYTE_ORDER_COLLATIONS.has(row.collation) && row.bytewise === true,
      () => false,
    );
    collationChecks.set(db, check);
  }
  return check;
}
