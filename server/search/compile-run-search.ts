import { and, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { latestMetrics, params, runs, tags, VALUE_PREFIX_CHARS } from "../db/schema";
import { invalidParameter } from "../services/errors";
import type { Comparison, FieldRef, FilterExpr } from "./ast";
import {
  compareScalar,
  compareWholeNumber,
  describeField,
  isOneOf,
  NUMERIC_COMPARATORS,
  requireComparator,
  requireList,
  requireNumberLiteral,
  requireString,
  STRING_COMPARATORS,
} from "./compile-common";
import { singleSegment, type OrderKey, type SegmentedOrder } from "./keyset";
import { compileMerged, type ClauseMerging } from "./merge-clauses";
import { parseFilter } from "./parse-filter";
import { parseOrderByClause } from "./parse-order-by";
import { checkOrderBy } from "./search-limits";

const PREFIXES = {
  metric: ["metric", "metrics"],
  param: ["param", "params", "parameter", "parameters"],
  tag: ["tag", "tags"],
  attribute: ["", "attribute", "attributes", "attr", "run"],
  dataset: ["dataset", "datasets"],
} as const;

const STRING_ATTRIBUTES: Record<string, SQL> = {
  status: sql`${runs.status}`,
  run_name: sql`${runs.name}`,
  run_id: sql`${runs.runUuid}`,
  user_id: sql`${runs.userId}`,
  artifact_uri: sql`${runs.artifactUri}`,
};
const NUMERIC_ATTRIBUTES: Record<string, SQL> = {
  start_time: sql`${runs.startTime}`,
  end_time: sql`${runs.endTime}`,
  created: sql`${runs.startTime}`,
};
const LIST_COMPARATORS = [...STRING_COMPARATORS, "IN", "NOT IN"] as const;
const PRESENCE = ["IS NULL", "IS NOT NULL"] as const;

type EntityKind = keyof typeof PREFIXES;

// MLflow's aliases of run_name in filters (exactly these spellings; order_by takes none of them).
const RUN_NAME_ALIASES = ["run name", "Run name", "Run Name"];
// IN lists: MLflow takes them on run_id only; Metron also on status and run_name (documented).
const LIST_ATTRIBUTES = ["run_id", "status", "run_name"];

function entityOf(field: FieldRef): EntityKind {
  // Prefixes are case-sensitive, and may be backticked (`params`.lr), as in MLflow's run search.
  const prefix = /^`[^`]*`$/.test(field.prefix) ? field.prefix.slice(1, -1) : field.prefix;
  const kind = (Object.keys(PREFIXES) as EntityKind[]).find((k) => isOneOf(prefix, PREFIXES[k]));
  if (!kind) {
    throw invalidParameter(
      `Invalid entity type '${field.prefix}' at position ${field.pos}. Valid prefixes are metrics., params., tags., attributes. and datasets.`,
    );
  }
  return kind;
}

/**
 * A search-runs request over `runs`: the WHERE clause of its scope (experiments, view type), the
 * ORDER BY joins, and the keyset order whose segments carry the filter (see compileFilter).
 */
export function compileRunSearch(request: {
  experimentIds: number[];
  filter?: string;
  orderBy: string[];
  runViewType: "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL";
}): { where: SQL | undefined; joins: RunOrderJoin[]; order: SegmentedOrder } {
  const lifecycle =
    request.runViewType === "ALL"
      ? undefined
      : eq(runs.lifecycleStage, request.runViewType === "ACTIVE_ONLY" ? "active" : "deleted");
  const filter = parseFilter(request.filter);
  const { joins, order } = compileRunOrder(request.orderBy);
  const segments = order.segments.map((segment) => ({
    ...segment,
    where: and(
      segment.where,
      filter &&
        compileMerged(filter, (c) => compileLeaf(c, segment.walkedRunId), {
          merging: mergingFor(segment.walkedRunId),
          isSubquery: (c) => entityOf(c.field) !== "attribute",
        }),
    ),
  }));
  return { where: and(inExperiments(request.experimentIds), lifecycle), joins, order: { ...order, segments } };
}

/**
 * One experiment as an equality (so that an index on experiment_id, start_time delivers the
 * default order), several as one array parameter however many: PostgreSQL binds at most 65,535.
 */
function inExperiments(ids: number[]): SQL {
  return ids.length === 1 ? eq(runs.experimentId, ids[0]) : sql`${runs.experimentId} = any(${sql.param(ids)}::int4[])`;
}

/**
 * One comparison. `walkedRunId` is set when the segment walks an index of rows that name the run
 * (a metric's latest_metrics rows, in value order): the subqueries are correlated to that row, so
 * that PostgreSQL checks them before it fetches the run at all.
 */
function compileLeaf(c: Comparison, walkedRunId: SQL | undefined): SQL {
  const { key } = c.field;
  const runId = walkedRunId ?? sql`${runs.runUuid}`;
  switch (entityOf(c.field)) {
    case "metric":
      if (isPresence(c)) return presence(c, sql`exists (select 1 from latest_metrics m where m.run_uuid = ${runId} and m.key = ${key})`);
      requireComparator(c, NUMERIC_COMPARATORS);
      return sql`exists (select 1 from latest_metrics m where m.run_uuid = ${runId} and m.key = ${key} and not m.is_nan and ${compareScalar(sql`m.value`, c.op, requireNumberLiteral(c))})`;
    case "param":
      return compileKeyValue(c, sql`params`, runId, walkedRunId !== undefined);
    case "tag":
      return compileKeyValue(c, sql`tags`, runId, walkedRunId !== undefined);
    case "dataset":
      return compileDataset(c, runId);
    case "attribute":
      return compileAttribute(c);
  }
}

/**
 * latest_metrics, params and tags hold one row per (run, key): comparisons of one key AND-ed
 * together are one EXISTS over that row, with every condition on it.
 */
function mergingFor(walkedRunId: SQL | undefined): ClauseMerging {
  return {
    groupOf: (c) => {
      const kind = entityOf(c.field);
      return isPresence(c) || !(kind === "metric" || kind === "param" || kind === "tag") ? undefined : `${kind}\u0000${c.field.key}`;
    },
    compileGroup: (group) => {
      const { key } = group[0].field;
      const runId = walkedRunId ?? sql`${runs.runUuid}`;
      if (entityOf(group[0].field) === "metric") {
        const conditions = group.map((c) => {
          requireComparator(c, NUMERIC_COMPARATORS);
          return compareScalar(sql`m.value`, c.op, requireNumberLiteral(c));
        });
        return sql`exists (select 1 from latest_metrics m where m.run_uuid = ${runId} and m.key = ${key} and not m.is_nan and ${and(...conditions)})`;
      }
      const table = entityOf(group[0].field) === "param" ? sql`params` : sql`tags`;
      const conditions = group.map((c) => {
        requireComparator(c, STRING_COMPARATORS);
        const value = requireString(c);
        return c.op === "=" ? equalsOnIndexedPrefix(value) : compareScalar(sql`kv.value`, c.op, value);
      });
      const exists = sql`exists (select 1 from ${table} kv where kv.run_uuid = ${runId} and kv.key = ${key} and ${and(...conditions)})`;
      return walkedRunId !== undefined && group.some((c) => c.op === "=") ? checkedAsHashedSet(exists) : exists;
    },
  };
}

function isPresence(c: Comparison): boolean {
  return (PRESENCE as readonly string[]).includes(c.op);
}

function presence(c: Comparison, exists: SQL): SQL {
  return c.op === "IS NULL" ? sql`not ${exists}` : exists;
}

function compileKeyValue(c: Comparison, table: SQL, runId: SQL, isWalk: boolean): SQL {
  const { key } = c.field;
  if (isPresence(c)) return presence(c, sql`exists (select 1 from ${table} kv where kv.run_uuid = ${runId} and kv.key = ${key})`);
  requireComparator(c, STRING_COMPARATORS);
  const value = requireString(c);
  if (c.op !== "=") return sql`exists (select 1 from ${table} kv where kv.run_uuid = ${runId} and kv.key = ${key} and ${compareScalar(sql`kv.value`, c.op, value)})`;
  const exists = sql`exists (select 1 from ${table} kv where kv.run_uuid = ${runId} and kv.key = ${key} and ${equalsOnIndexedPrefix(value)})`;
  return isWalk ? checkedAsHashedSet(exists) : exists;
}

/**
 * An equality during a walk in metric order, as a set of runs hashed once and looked up per
 * walked row. Written plainly, PostgreSQL turns the EXISTS into a semi-join, and the only
 * semi-join that keeps the walk's order probes the params (or tags) index once per walked row:
 * with `params.p = 'v'` matching 10% of the runs, ~20 probes per run on the page. Wrapped in
 * IS TRUE (the same truth value: EXISTS is never NULL), the EXISTS stays a subplan, for which
 * PostgreSQL plans both a per-row probe and a hashed set read from params_key_value_idx alone,
 * and keeps the cheaper; a set too large for hash_mem is always probed. Only for equalities:
 * ranges and patterns tend to match many runs, and probing the few walked rows costs less than
 * hashing them all.
 */
function checkedAsHashedSet(exists: SQL): SQL {
  return sql`(${exists}) is true`;
}

/**
 * `kv.value = value`, written on the column that params_key_value_idx / tags_key_value_idx
 * index, so that a selective equality finds its runs through the index. A value shorter than the
 * prefix (JS length counts UTF-16 units, never fewer than PostgreSQL's characters) equals exactly
 * the values whose prefix it equals, so the prefix test alone is exact — and PostgreSQL estimates
 * it from the column's statistics, where a second, redundant test would multiply the estimated
 * selectivity by itself and mislead the planner.
 */
function equalsOnIndexedPrefix(value: string): SQL {
  if (value.length < VALUE_PREFIX_CHARS) return sql`kv.value_prefix = ${value}`;
  return sql`kv.value_prefix = left(${value}, ${sql.raw(String(VALUE_PREFIX_CHARS))}) and kv.value = ${value}`;
}

function compileAttribute(c: Comparison): SQL {
  const key = RUN_NAME_ALIASES.includes(c.field.key) ? "run_name" : c.field.key === "Created" ? "created" : c.field.key;
  if (Object.hasOwn(STRING_ATTRIBUTES, key)) {
    const column = STRING_ATTRIBUTES[key];
    requireComparator(c, LIST_COMPARATORS);
    if (c.op === "IN" || c.op === "NOT IN") {
      if (!LIST_ATTRIBUTES.includes(key)) {
        throw invalidParameter(`Only the ${LIST_ATTRIBUTES.join(", ")} attributes take a list of values (${c.op}), not '${describeField(c.field)}' at position ${c.pos}`);
      }
      const values = requireList(c);
      return c.op === "IN" ? inArray(column, values) : notInArray(column, values);
    }
    return compareScalar(column, c.op, requireString(c));
  }
  if (Object.hasOwn(NUMERIC_ATTRIBUTES, key)) {
    requireComparator(c, NUMERIC_COMPARATORS);
    return compareWholeNumber(NUMERIC_ATTRIBUTES[key], c.op, requireNumberLiteral(c));
  }
  throw invalidParameter(
    `Invalid attribute key '${describeField(c.field)}' at position ${c.pos}. Valid attributes are ` +
      `${[...Object.keys(STRING_ATTRIBUTES), ...Object.keys(NUMERIC_ATTRIBUTES)].join(", ")}`,
  );
}

/** datasets.name / digest / context: the run has an input dataset matching the comparison. */
function compileDataset(c: Comparison, runId: SQL): SQL {
  const column = { name: sql`d.name`, digest: sql`d.digest`, context: sql`ctx.value` }[c.field.key];
  if (!column) {
    throw invalidParameter(`Invalid dataset key '${c.field.key}' at position ${c.pos}. Valid keys are name, digest and context`);
  }
  requireComparator(c, LIST_COMPARATORS);
  const condition =
    c.op === "IN" || c.op === "NOT IN"
      ? sql`${column} ${c.op === "IN" ? sql`in` : sql`not in`} (${sql.join(requireList(c).map((v) => sql`${v}`), sql`, `)})`
      : compareScalar(column, c.op, requireString(c));
  return sql`exists (
    select 1 from inputs i
    join datasets d on d.dataset_uuid = i.source_id
    left join input_tags ctx on ctx.input_uuid = i.input_uuid and ctx.name = 'mlflow.data.context'
    where i.source_type = 'DATASET' and i.destination_type = 'RUN' and i.destination_id = ${runId}
      and ${condition})`;
}

export interface RunOrderJoin {
  table: typeof latestMetrics | typeof params | typeof tags;
  on: SQL;
}

/**
 * ORDER BY as keyset keys: the requested keys (missing values last), then start_time DESC and
 * run_id, so that the order is total and every page boundary is exact. Metric, param and tag keys
 * become LEFT JOINs on their (run_uuid, key) primary keys.
 */
export function compileRunOrder(clauses: string[]): { joins: RunOrderJoin[]; order: SegmentedOrder } {
  checkOrderBy(clauses);
  const joins: RunOrderJoin[] = [];
  const keys: OrderKey[] = [];
  let hasStartTime = false;
  let firstMetric: typeof latestMetrics | undefined;
  const join = <T extends typeof latestMetrics | typeof params | typeof tags>(table: T, key: string): T => {
    const joined = alias(table, `order_${joins.length}`) as unknown as T;
    joins.push({ table: joined, on: and(eq(joined.runUuid, runs.runUuid), eq(joined.key, key))! });
    return joined;
  };
  for (const clause of clauses) {
    const { field, ascending } = parseOrderByClause(clause);
    const { key } = field;
    switch (entityOf(field)) {
      case "metric": {
        // Metron extension: `metrics.`loss@min`` / `@max` orders by the extreme of the whole history
        // ("@" cannot occur in a metric key). NaN points are skipped; runs without a number sort last.
        const extreme = /^(.*)@(min|max)$/s.exec(key);
        if (extreme) {
          const fn = sql.raw(extreme[2]);
          keys.push({
            expr: sql`(select ${fn}(h.value) from metrics h where h.run_uuid = ${runs.runUuid} and h.key = ${extreme[1]} and not h.is_nan)`,
            ascending,
            type: "float8",
            nullable: true,
          });
          break;
        }
        // As MLflow's SQL store: numbers first (in the requested direction), then NaN, then missing,
        // whatever the direction. is_nan sorts false < true < null; NaN rows all hold value 0.
        const metric = join(latestMetrics, key);
        if (keys.length === 0) firstMetric = metric;
        keys.push(
          { expr: sql`${metric.isNan}`, ascending: true, type: "bool", nullable: true },
          { expr: sql`${metric.value}`, ascending, type: "float8", nullable: true },
        );
        break;
      }
      case "param":
        keys.push({ expr: sql`${join(params, key).value}`, ascending, type: "text", nullable: true });
        break;
      case "tag":
        keys.push({ expr: sql`${join(tags, key).value}`, ascending, type: "text", nullable: true });
        break;
      case "attribute": {
        if (key === "duration") {
          // Metron extension: end_time - start_time; runs still going (no end time) sort last.
          keys.push({ expr: sql`(${runs.endTime} - ${runs.startTime})`, ascending, type: "bigint", nullable: true });
          break;
        }
        const name = key === "Created" ? "created" : key;
        const isNumeric = Object.hasOwn(NUMERIC_ATTRIBUTES, name);
        const column = Object.hasOwn(STRING_ATTRIBUTES, name) ? STRING_ATTRIBUTES[name] : isNumeric ? NUMERIC_ATTRIBUTES[name] : undefined;
        if (!column) throw invalidParameter(`Invalid order_by clause '${clause}': unknown attribute '${key}'`);
        if (name === "start_time" || name === "created") hasStartTime = true;
        keys.push({ expr: column, ascending, type: isNumeric ? "bigint" : "text", nullable: name === "end_time" });
        break;
      }
      case "dataset":
        throw invalidParameter(`Invalid order_by clause '${clause}': runs cannot be ordered by dataset fields`);
    }
  }
  if (!hasStartTime) keys.push({ expr: sql`${runs.startTime}`, ascending: false, type: "bigint", nullable: false });
  keys.push({ expr: sql`${runs.runUuid}`, ascending: true, type: "text", nullable: false });
  return { joins, order: firstMetric ? metricFirstOrder(firstMetric, keys) : singleSegment(keys) };
}

/**
 * An order led by a metric, as three queries: runs whose latest value is a number (in value
 * order, which latest_metrics_key_value_idx walks and stops after one page), then NaN, then runs
 * without the metric. As one query the LEFT JOIN's missing values make PostgreSQL join and sort
 * every run of the experiment before it can return the first page. keys[0] is is_nan and
 * keys[1] the value; the rest continue the order within each part.
 */
function metricFirstOrder(metric: typeof latestMetrics, keys: OrderKey[]): SegmentedOrder {
  const [, value, ...rest] = keys;
  const restKeys = rest.map((key, i) => ({ key, at: i + 2 }));
  return {
    keys,
    segments: [
      {
        where: sql`not ${metric.isNan}`,
        keys: [{ key: { ...value, nullable: false, btreeNulls: true }, at: 1 }, ...restKeys],
        walkedRunId: sql`${metric.runUuid}`,
      },
      { where: sql`${metric.isNan}`, keys: restKeys, walkedRunId: sql`${metric.runUuid}` },
      { where: sql`${metric.isNan} is null`, keys: restKeys },
    ],
    segmentOf: ([isNan]) => (isNan === false ? 0 : isNan === true ? 1 : 2),
  };
}
