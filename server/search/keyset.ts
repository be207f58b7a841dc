import { and, or, sql, type SQL } from "drizzle-orm";

/** One ORDER BY key of a keyset-paged query. Every key sorts its NULLs last, in both directions. */
export interface SortKey {
  expr: SQL;
  ascending: boolean;
  /** How the key's values travel in page tokens (and are cast back into SQL). */
  type: "bigint" | "float8" | "text" | "bool";
  /** False when the expression can never be NULL (lets the first key bound an index range). */
  nullable: boolean;
  /**
   * Never NULL, and sorted with PostgreSQL's default NULLS placement (ASC NULLS LAST, DESC NULLS
   * FIRST), which is what a btree scanned forwards or backwards delivers. Without it, DESC NULLS
   * LAST can only come from an index declared DESC NULLS LAST.
   */
  btreeNulls?: boolean;
}

export type CursorValue = number | string | boolean | null;

export function orderByOf(keys: SortKey[]): SQL[] {
  return keys.map((k) => {
    if (k.btreeNulls) return k.ascending ? sql`${k.expr} asc` : sql`${k.expr} desc`;
    return k.ascending ? sql`${k.expr} asc nulls last` : sql`${k.expr} desc nulls last`;
  });
}

/**
 * A part of an order fetched by its own query: an order whose first key has special values (a metric:
 * numbers, NaN, missing) is one index walk per part, not one query. `keys` vary within the part; `at` are
 * their positions in the full key list (page tokens carry every key).
 */
export interface OrderSegment {
  where?: SQL;
  keys: { key: SortKey; at: number }[];
  /**
   * Set when the part walks rows of another table that name the run (a metric's latest_metrics
   * rows, in value order): that row's run id, for filters to be checked on before the run is read.
   */
  walkedRunId?: SQL;
  /** The walked row's experiment_id: the segment's experiment scope is applied to it. */
  walkedExperimentId?: SQL;
}

export interface SegmentedOrder {
  /** All keys: selected with each row, compared by tokens. */
  keys: SortKey[];
  segments: OrderSegment[];
  /** Index of the segment that holds the row whose key values are `last`. */
  segmentOf(last: CursorValue[]): number;
}

/** The order as one segment: one query with every key. */
export function singleSegment(keys: SortKey[]): SegmentedOrder {
  return { keys, segments: [{ keys: keys.map((key, at) => ({ key, at })) }], segmentOf: () => 0 };
}

/**
 * The queries of one page after `last`, in order: segments before the cursor's are skipped, the
 * cursor's own continues after it, later ones start at their beginning.
 */
export function segmentQueries(
  order: SegmentedOrder,
  last?: CursorValue[],
): { where?: SQL; keys: SortKey[]; at: number[]; walked: boolean }[] {
  const first = last ? order.segmentOf(last) : 0;
  return order.segments.slice(first).map((segment, i) => {
    const keys = segment.keys.map((k) => k.key);
    const after = i === 0 && last ? rowsAfter(keys, segment.keys.map((k) => last[k.at])) : undefined;
    return { where: and(segment.where, after), keys, at: segment.keys.map((k) => k.at), walked: segment.walkedRunId !== undefined };
  });
}

/**
 * Rows strictly after `last` in the order given by `keys` (lexicographic, NULLs last): the
 * WHERE clause of the next page. Unlike OFFSET, its cost does not grow with the page number.
 */
export function rowsAfter(keys: SortKey[], last: CursorValue[]): SQL {
  const alternatives: SQL[] = [];
  for (let i = 0; i < keys.length; i++) {
    const after = strictlyAfter(keys[i], last[i]);
    if (!after) continue;
    alternatives.push(and(...keys.slice(0, i).map((k, j) => equalTo(k, last[j])), after)!);
  }
  const condition = alternatives.length > 0 ? or(...alternatives)! : sql`false`;
  // A non-null first key also bounds the scan, so an index on it can start at the cursor.
  const [first] = keys;
  if (first && !first.nullable && last[0] !== null) {
    const bound = first.ascending ? sql`${first.expr} >= ${typed(first, last[0])}` : sql`${first.expr} <= ${typed(first, last[0])}`;
    return and(bound, condition)!;
  }
  return condition;
}

function strictlyAfter(key: SortKey, value: CursorValue): SQL | undefined {
  // After a NULL (which sorts last) only other NULLs follow, and those are not strictly after.
  if (value === null) return undefined;
  const beyond = key.ascending ? sql`${key.expr} > ${typed(key, value)}` : sql`${key.expr} < ${typed(key, value)}`;
  return key.nullable ? sql`(${beyond} or ${key.expr} is null)` : beyond;
}

function equalTo(key: SortKey, value: CursorValue): SQL {
  return value === null ? sql`${key.expr} is null` : sql`${key.expr} = ${typed(key, value)}`;
}

function typed(key: SortKey, value: CursorValue): SQL {
  switch (key.type) {
    case "bigint":
      return sql`${value}::int8`;
    case "float8":
      return sql`${String(value)}::float8`;
    case "bool":
      return sql`${value}::bool`;
    case "text":
      return sql`${value}::text`;
  }
}

/** A key value as it travels in a page token: JSON-safe (±Infinity as text) and typed on the way back. */
export function encodeKeyValue(value: unknown, key: SortKey): CursorValue {
  if (value === null || value === undefined) return null;
  if (key.type === "float8") return String(value);
  if (key.type === "bigint") return Number(value);
  if (key.type === "bool") return Boolean(value);
  return String(value);
}
