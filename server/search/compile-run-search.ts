import { and, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { params, runs, tags, VALUE_PREFIX_CHARS } from "../db/schema";
import { invalidParameter } from "../mlflow-error";
import type { Comparison } from "./ast";
import {
  compareScalar,
  compareWholeNumber,
  describeField,
  NUMERIC_COMPARATORS,
  requireComparator,
  requireList,
  requireNumberLiteral,
  requireString,
  STRING_COMPARATORS,
} from "./compile-common";
import { compileRunOrder, type RunOrderJoin } from "./compile-run-order";
import type { SegmentedOrder } from "./keyset";
import { compileMerged, type ClauseMerging } from "./merge-clauses";
import { parseFilter } from "./parse-filter";
import {
  entityOf,
  LIST_ATTRIBUTES,
  LIST_COMPARATORS,
  NUMERIC_ATTRIBUTES,
  PRESENCE,
  RUN_NAME_ALIASES,
  STRING_ATTRIBUTES,
} from "./run-fields";

export type { RunOrderJoin } from "./compile-run-order";

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
  const scope = experimentScope(request.experimentIds);
  const segments = order.segments.map((segment) => ({
    ...segment,
    where: and(
      segment.where,
      segment.walkedExperimentId ? walkedInExperiments(segment.walkedExperimentId, request.experimentIds) : inExperiments(request.experimentIds),
      filter &&
        compileMerged(filter, (c) => compileLeaf(c, segment.walkedRunId, scope), {
          merging: mergingFor(segment.walkedRunId, scope),
          isSubquery: (c) => entityOf(c.field) !== "attribute",
        }),
    ),
  }));
  return { where: lifecycle, joins, order: { ...order, segments } };
}

/**
 * Experiment scope of a walked segment: on the walked row, and on the run only as an unindexable check
 * (IS TRUE). After a bulk load PostgreSQL may think an experiment has ~1 run and, given an index on the
 * run's experiment, scan all its runs per walked row; without one it must fetch the run by id.
 */
function walkedInExperiments(walkedExperimentId: SQL, ids: number[]): SQL {
  const onWalked = ids.length === 1 ? sql`${walkedExperimentId} = ${ids[0]}` : sql`${walkedExperimentId} = any(${sql.param(ids)}::int4[])`;
  return sql`${onWalked} and (${inExperiments(ids)}) is true`;
}

/**
 * One experiment as an equality (so that an index on experiment_id, start_time delivers the
 * default order), several as one array parameter however many: PostgreSQL binds at most 65,535.
 */
function inExperiments(ids: number[]): SQL {
  return ids.length === 1 ? eq(runs.experimentId, ids[0]) : sql`${runs.experimentId} = any(${sql.param(ids)}::int4[])`;
}

/**
 * The same scope on a filter subquery's latest_metrics / params / tags row (alias `m` or `kv`),
 * as a constant: their indexes lead with experiment_id, so that a filter walks this experiment's
 * rows only, also when PostgreSQL hashes the subquery (which drops correlated conditions).
 */
type ExperimentScope = (alias: "m" | "kv") => SQL;
function experimentScope(ids: number[]): ExperimentScope {
  return (alias) => {
    const column = sql.raw(`${alias}.experiment_id`);
    return ids.length === 1 ? sql`${column} = ${ids[0]}` : sql`${column} = any(${sql.param(ids)}::int4[])`;
  };
}

/**
 * One comparison. `walkedRunId` is set when the segment walks an index of rows that name the run
 * (a metric's latest_metrics rows, in value order): the subqueries are correlated to that row, so
 * that PostgreSQL checks them before it fetches the run at all.
 */
function compileLeaf(c: Comparison, walkedRunId: SQL | undefined, scope: ExperimentScope): SQL {
  const { key } = c.field;
  const runId = walkedRunId ?? sql`${runs.runUuid}`;
  const probe = { runId, key, walked: walkedRunId !== undefined, scope };
  switch (entityOf(c.field)) {
    case "metric":
      if (isPresence(c)) return presence(c, keyRow("latest_metrics", probe));
      requireComparator(c, NUMERIC_COMPARATORS);
      return keyRow("latest_metrics", probe, sql`not m.is_nan and ${compareScalar(sql`m.value`, c.op, requireNumberLiteral(c))}`);
    case "param":
      return compileKeyValue(c, "params", probe);
    case "tag":
      return compileKeyValue(c, "tags", probe);
    case "dataset":
      return compileDataset(c, runId);
    case "attribute":
      return compileAttribute(c);
  }
}

/**
 * latest_metrics, params and tags hold one row per (run, key): comparisons of one key AND-ed
 * together are one test of that row, with every condition on it.
 */
function mergingFor(walkedRunId: SQL | undefined, scope: ExperimentScope): ClauseMerging {
  return {
    groupOf: (c) => {
      const kind = entityOf(c.field);
      return isPresence(c) || !(kind === "metric" || kind === "param" || kind === "tag") ? undefined : `${kind}\u0000${c.field.key}`;
    },
    compileGroup: (group) => {
      const probe = { runId: walkedRunId ?? sql`${runs.runUuid}`, key: group[0].field.key, walked: walkedRunId !== undefined, scope };
      if (entityOf(group[0].field) === "metric") {
        const conditions = group.map((c) => {
          requireComparator(c, NUMERIC_COMPARATORS);
          return compareScalar(sql`m.value`, c.op, requireNumberLiteral(c));
        });
        return keyRow("latest_metrics", probe, sql`not m.is_nan and ${and(...conditions)}`);
      }
      const conditions = group.map((c) => {
        requireComparator(c, STRING_COMPARATORS);
        const value = requireString(c);
        return c.op === "=" ? equalsOnIndexedPrefix(value) : compareScalar(sql`kv.value`, c.op, value);
      });
      return keyRow(entityOf(group[0].field) === "param" ? "params" : "tags", probe, and(...conditions), group.every(isEquality));
    },
  };
}

function isPresence(c: Comparison): boolean {
  return (PRESENCE as readonly string[]).includes(c.op);
}

function presence(c: Comparison, found: SQL): SQL {
  return c.op === "IS NULL" ? sql`not ${found}` : found;
}

function compileKeyValue(c: Comparison, table: "params" | "tags", probe: KeyProbe): SQL {
  if (isPresence(c)) return presence(c, keyRow(table, probe));
  requireComparator(c, STRING_COMPARATORS);
  const value = requireString(c);
  return keyRow(table, probe, c.op === "=" ? equalsOnIndexedPrefix(value) : compareScalar(sql`kv.value`, c.op, value), isEquality(c));
}

interface KeyProbe {
  runId: SQL;
  key: string;
  walked: boolean;
  scope: ExperimentScope;
}

/**
 * "The run's `key` row exists (and meets `condition`)" (alias `m` or `kv`). Outside a walk, an EXISTS on the
 * experiment; during a metric walk, a test per walked row that PostgreSQL can neither join nor hash, so it
 * costs the page, whatever the (post-bulk-load) estimates: see walkedKeyRow.
 */
function keyRow(table: "latest_metrics" | "params" | "tags", probe: KeyProbe, condition?: SQL, bySet = false): SQL {
  const alias = table === "latest_metrics" ? "m" : "kv";
  const t = sql.raw(`${table} ${alias}`);
  const row = sql`${sql.raw(alias)}.run_uuid = ${probe.runId} and ${sql.raw(alias)}.key = ${probe.key}`;
  if (probe.walked) return walkedKeyRow(t, alias, probe, row, condition, bySet);
  return sql`exists (select 1 from ${t} where ${row} and ${probe.scope(alias)}${condition ? sql` and ${condition}` : sql``})`;
}

/** Matching rows up to which a walked filter tests the walked run against their set rather than probing per run. */
export const WALK_SET_MAX_ROWS = 20_000;

/**
 * A filter on a walked row. By default a scalar subquery probing the run's primary key (one index descent
 * per walked row). With `bySet` (the condition is a range of the experiment's (key, value) index) and at most
 * WALK_SET_MAX_ROWS matches, the run is looked up in their hashed set instead: a selective filter walks ~20×
 * more rows than it keeps, and the count bounds the set's cost. Two conditions, not a CASE, so that PostgreSQL
 * tests every filter's cheap set lookup before any probe (the price: each counts the set once).
 */
function walkedKeyRow(t: SQL, alias: "m" | "kv", probe: KeyProbe, row: SQL, condition: SQL | undefined, bySet: boolean): SQL {
  const probed = sql`coalesce((select ${condition ?? sql`true`} from ${t} where ${row}), false)`;
  if (!bySet || !condition) return probed;
  const a = sql.raw(alias);
  const limit = sql.raw(String(WALK_SET_MAX_ROWS));
  // The LIMIT also bounds PostgreSQL's estimate of the set, so that it can always hash it.
  const matches = sql`select ${a}.run_uuid from ${t} where ${probe.scope(alias)} and ${a}.key = ${probe.key} and ${condition} limit ${limit} + 1`;
  const isSmall = sql`(select count(*) from (${matches}) as counted) <= ${limit}`;
  return sql`(not ${isSmall} or (${probe.runId} in (${matches})) is true) and (${isSmall} or ${probed})`;
}

/**
 * An equality of a param or tag: a range of the experiment's (key, value prefix) index, usually a selective
 * one (a metric's range usually is not: its set would cost more than the probes it saves).
 */
function isEquality(c: Comparison): boolean {
  return c.op === "=";
}

/**
 * `kv.value = value` on the indexed prefix column. A value shorter than the prefix equals exactly the values
 * whose prefix it equals, so the prefix test alone is exact; a second test would square the estimated
 * selectivity and mislead the planner.
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
