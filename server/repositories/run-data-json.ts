import { and, sql, type SQL } from "drizzle-orm";
import { latestMetrics, params, tags } from "../db/schema";
import { executeRows } from "../db/rows";
import type { Db } from "../db/types";
import { anyText } from "./any-of";
import type { RunDataKeys } from "./runs-repository";

/**
 * The `data` of a page of runs ({"metrics":[…],"params":[…],"tags":[…]}) as JSON text written by
 * the database, in MLflow's wire form, for a response that is sent as it is (runs/search).
 *
 * Why: a 1000-run page holds ~35,000 entries. Loaded as values (findRunData), the driver parses
 * them, JavaScript sorts and converts them and JSON.stringify writes them again: ~35 ms of the
 * server's single thread. Written as text by PostgreSQL — three queries running side by side on
 * its backends — the server only joins strings.
 *
 * The text is what toWire + JSON.stringify would write for the same values, except that numbers
 * are spelled by PostgreSQL: the same double, perhaps in another notation (1e-05 for 0.00001),
 * which every JSON reader reads back identically. Entries are sorted by key in byte order, as
 * key-order.ts sorts them; empty lists are left out, as protobuf's JSON leaves them out.
 */
export async function findRunDataJson(db: Db, runIds: string[], keys: RunDataKeys = {}): Promise<Map<string, string>> {
  const skip = (wanted: string[] | undefined) => runIds.length === 0 || wanted?.length === 0;
  const byteOrder = await keysSortInByteOrder(db);
  const [metricsJson, paramsJson, tagsJson] = await Promise.all([
    skip(keys.metrics) ? new Map<string, string>() : listsByRun(db, latestMetrics, METRIC_ENTRY, runIds, keys.metrics, byteOrder),
    skip(keys.params) ? new Map<string, string>() : listsByRun(db, params, keyValueEntry(params), runIds, keys.params, byteOrder),
    skip(keys.tags) ? new Map<string, string>() : listsByRun(db, tags, keyValueEntry(tags), runIds, keys.tags, byteOrder),
  ]);
  return new Map(
    runIds.map((id) => {
      const fields: string[] = [];
      const metricList = metricsJson.get(id);
      const paramList = paramsJson.get(id);
      const tagList = tagsJson.get(id);
      if (metricList) fields.push(`"metrics":[${metricList}]`);
      if (paramList) fields.push(`"params":[${paramList}]`);
      if (tagList) fields.push(`"tags":[${tagList}]`);
      return [id, `{${fields.join(",")}}`];
    }),
  );
}

// to_json(text) escapes exactly the characters JSON.stringify escapes (", \, and controls as
// \b \f \n \r \t or lower-case \u00xx), so strings come out byte for byte the same.
function keyValueEntry(table: typeof params | typeof tags): SQL {
  return sql`concat('{"key":', to_json(${table.key}), ',"value":', to_json(${table.value}), '}')`;
}

// NaN is stored as is_nan (value 0); ±Infinity are written by to_json as the strings
// "Infinity" / "-Infinity", which is also how MLflow's JSON spells them.
const METRIC_ENTRY = sql`concat('{"key":', to_json(${latestMetrics.key}),
  ',"value":', case when ${latestMetrics.isNan} then '"NaN"' else to_json(${latestMetrics.value})::text end,
  ',"timestamp":', ${latestMetrics.timestamp}, ',"step":', ${latestMetrics.step}, '}')`;

/**
 * One row per run that has entries: the entries' JSON joined by commas, in key order. The order
 * comes from a sorted subquery rather than an ordered aggregate, which sorts every run's group on
 * its own and costs twice as much; an aggregate reads its input in the order the subquery gives
 * it. Where the database's own collation already sorts by bytes, that order is the primary key's
 * (run_uuid, key) and no sort runs at all; elsewhere the page's entries are sorted once.
 */
async function listsByRun(
  db: Db,
  table: typeof params | typeof tags | typeof latestMetrics,
  entry: SQL,
  runIds: string[],
  wanted: string[] | undefined,
  byteOrder: boolean,
): Promise<Map<string, string>> {
  const rows = await executeRows<{ run_id: string; list: string }>(
    db,
    sql`select run_id, string_agg(entry, ',') as list from (
      select ${table.runUuid} as run_id, ${entry} as entry from ${table}
      where ${and(anyText(table.runUuid, runIds), wanted && anyText(table.key, wanted))}
      order by ${table.runUuid}, ${byteOrder ? table.key : sql`${table.key} collate "C"`}
    ) as entries group by run_id`,
  );
  return new Map(rows.map((row) => [row.run_id, row.list]));
}

// Collations whose order is that of the UTF-8 bytes (code points): the default of `initdb` on
// Debian (C.UTF-8), of PGlite (C) and of PostgreSQL 17's builtin provider.
const BYTE_ORDER_COLLATIONS = new Set(["C", "POSIX", "C.UTF-8", "C.utf8", "ucs_basic"]);
const collationChecks = new WeakMap<Db, Promise<boolean>>();

/** Whether the key columns (which take the database's default collation) sort by bytes; asked once per connection pool. */
function keysSortInByteOrder(db: Db): Promise<boolean> {
  let check = collationChecks.get(db);
  if (!check) {
    check = executeRows<{ collation: string; provider: string }>(
      db,
      sql`select datcollate as collation, datlocprovider as provider from pg_database where datname = current_database()`,
    ).then(
      ([row]) => row !== undefined && row.provider !== "i" && BYTE_ORDER_COLLATIONS.has(row.collation),
      () => false,
    );
    collationChecks.set(db, check);
  }
  return check;
}
