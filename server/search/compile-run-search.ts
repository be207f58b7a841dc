import { and, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { params, runs, tags, VALUE_PREFIX_CHARS } from "../db/schema";
import { invalidParameter } from "../services/errors";
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
      filter &&
        compileMerged(filter, (c) => compileLeaf(c, segment.walkedRunId, scope), {
          merging: mergingFor(segment.walkedRunId, scope),
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
  switch (entityOf(c.field)) {
    case "metric":
      if (isPresence(c)) return presence(c, sql`exists (select 1 from latest_metrics m where m.run_uuid = ${runId} and ${scope("m")} and m.key = ${key})`);
      requireComparator(c, NUMERIC_COMPARATORS);
      return sql`exists (select 1 from latest_metrics m where m.run_uuid = ${runId} and ${scope("m")} and m.key = ${key} and not m.is_nan and ${compareScalar(sql`m.value`, c.op, requireNumberLiteral(c))})`;
    case "param":
      return compileKeyValue(c, sql`params`, runId, walkedRunId !== undefined, scope);
    case "tag":
      return compileKeyValue(c, sql`tags`, runId, walkedRunId !== undefined, scope);
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
function mergingFor(walkedRunId: SQL | undefined, scope: ExperimentScope): ClauseMerging {
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
        return sql`exists (select 1 from latest_metrics m where m.run_uuid = ${runId} and ${scope("m")} and m.key = ${key} and not m.is_nan and ${and(...conditions)})`;
      }
      const table = entityOf(group[0].field) === "param" ? sql`params` : sql`tags`;
      const conditions = group.map((c) => {
        requireComparator(c, STRING_COMPARATORS);
        const value = requireString(c);
        return c.op === "=" ? equalsOnIndexedPrefix(value) : compareScalar(sql`kv.value`, c.op, value);
      });
      const exists = sql`exists (select 1 from ${table} kv where kv.run_uuid = ${runId} and ${scope("kv")} and kv.key = ${key} and ${and(...conditions)})`;
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

function compileKeyValue(c: Comparison, table: SQL, runId: SQL, isWalk: boolean, scope: ExperimentScope): SQL {
  const { key } = c.field;
  const row = sql`kv.run_uuid = ${runId} and ${scope("kv")} and kv.key = ${key}`;
  if (isPresence(c)) return presence(c, sql`exists (select 1 from ${table} kv where ${row})`);
  requireComparator(c, STRING_COMPARATORS);
  const value = requireString(c);
  if (c.op !== "=") return sql`exists (select 1 from ${table} kv where ${row} and ${compareScalar(sql`kv.value`, c.op, value)})`;
  const exists = sql`exists (select 1 from ${table} kv where ${row} and ${equalsOnIndexedPrefix(value)})`;
  return isWalk ? checkedAsHashedSet(exists) : exists;
}

/**
 * An equality during a walk in metric order, as a set of runs hashed once and looked up per
 * walked row. Written plainly, PostgreSQL turns the EXISTS into a semi-join, and the only
 * semi-join that keeps the walk's order probes the params (or tags) index once per walked row:
 * with `params.p = 'v'` matching 10% of the runs, ~20 probes per run on the page. Wrapped in
 * IS TRUE (the same truth value: EXISTS is never NULL), the EXISTS stays a subplan, for which
 * PostgreSQL plans both a per-row probe and a hashed set read from params_experiment_key_value_idx,
 * and keeps the cheaper; a set too large for hash_mem is always probed. Only for equalities:
 * ranges and patterns tend to match many runs, and probing the few walked rows costs less than
 * hashing them all.
 */
function checkedAsHashedSet(exists: SQL): SQL {
  return sql`(${exists}) is true`;
}

/**
 * `kv.value = value`, written on the column that params/tags_experiment_key_value_idx
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
