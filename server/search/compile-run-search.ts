import { and, eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { runs } from "../db/schema";
import { invalidParameter } from "../services/errors";
import type { Comparison, FieldRef, FilterExpr } from "./ast";
import {
  compareScalar,
  compileBoolean,
  describeField,
  isOneOf,
  NUMERIC_COMPARATORS,
  requireComparator,
  requireList,
  requireNumber,
  requireString,
  STRING_COMPARATORS,
} from "./compile-common";
import { parseFilter } from "./parse-filter";
import { parseOrderByClause } from "./parse-order-by";

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
  "run name": sql`${runs.name}`,
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

function entityOf(field: FieldRef): EntityKind {
  const kind = (Object.keys(PREFIXES) as EntityKind[]).find((k) => isOneOf(field.prefix, PREFIXES[k]));
  if (!kind) {
    throw invalidParameter(
      `Invalid entity type '${field.prefix}' at position ${field.pos}. Valid prefixes are metrics., params., tags., attributes. and datasets.`,
    );
  }
  return kind;
}

/** The WHERE, ORDER BY of a search-runs request over the `runs` table. */
export function compileRunSearch(request: {
  experimentIds: number[];
  filter?: string;
  orderBy: string[];
  runViewType: "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL";
}): { where: SQL | undefined; orderBy: SQL[] } {
  const lifecycle =
    request.runViewType === "ALL"
      ? undefined
      : eq(runs.lifecycleStage, request.runViewType === "ACTIVE_ONLY" ? "active" : "deleted");
  const filter = parseFilter(request.filter);
  return {
    where: and(inArray(runs.experimentId, request.experimentIds), lifecycle, filter && compileBoolean(filter, compileLeaf)),
    orderBy: compileRunOrderBy(request.orderBy),
  };
}

function compileLeaf(c: Comparison): SQL {
  const { key } = c.field;
  switch (entityOf(c.field)) {
    case "metric":
      if (isPresence(c)) return presence(c, sql`exists (select 1 from latest_metrics m where m.run_uuid = ${runs.runUuid} and m.key = ${key})`);
      requireComparator(c, NUMERIC_COMPARATORS);
      return sql`exists (select 1 from latest_metrics m where m.run_uuid = ${runs.runUuid} and m.key = ${key} and not m.is_nan and ${compareScalar(sql`m.value`, c.op, requireNumber(c))})`;
    case "param":
      return compileKeyValue(c, sql`params`);
    case "tag":
      return compileKeyValue(c, sql`tags`);
    case "dataset":
      return compileDataset(c);
    case "attribute":
      return compileAttribute(c);
  }
}

function isPresence(c: Comparison): boolean {
  return (PRESENCE as readonly string[]).includes(c.op);
}

function presence(c: Comparison, exists: SQL): SQL {
  return c.op === "IS NULL" ? sql`not ${exists}` : exists;
}

function compileKeyValue(c: Comparison, table: SQL): SQL {
  const { key } = c.field;
  if (isPresence(c)) return presence(c, sql`exists (select 1 from ${table} kv where kv.run_uuid = ${runs.runUuid} and kv.key = ${key})`);
  requireComparator(c, STRING_COMPARATORS);
  return sql`exists (select 1 from ${table} kv where kv.run_uuid = ${runs.runUuid} and kv.key = ${key} and ${compareScalar(sql`kv.value`, c.op, requireString(c))})`;
}

function compileAttribute(c: Comparison): SQL {
  const key = c.field.key.toLowerCase() === "run name" ? "run name" : c.field.key;
  const lowered = key === "Created" ? "created" : key;
  if (lowered in STRING_ATTRIBUTES) {
    const column = STRING_ATTRIBUTES[lowered];
    requireComparator(c, LIST_COMPARATORS);
    if (c.op === "IN" || c.op === "NOT IN") {
      const values = requireList(c);
      return c.op === "IN" ? inArray(column, values) : notInArray(column, values);
    }
    return compareScalar(column, c.op, requireString(c));
  }
  if (lowered in NUMERIC_ATTRIBUTES) {
    requireComparator(c, NUMERIC_COMPARATORS);
    return compareScalar(NUMERIC_ATTRIBUTES[lowered], c.op, requireNumber(c));
  }
  throw invalidParameter(
    `Invalid attribute key '${describeField(c.field)}' at position ${c.pos}. Valid attributes are ` +
      `${[...Object.keys(STRING_ATTRIBUTES), ...Object.keys(NUMERIC_ATTRIBUTES)].join(", ")}`,
  );
}

/** datasets.name / digest / context: the run has an input dataset matching the comparison. */
function compileDataset(c: Comparison): SQL {
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
    where i.source_type = 'DATASET' and i.destination_type = 'RUN' and i.destination_id = ${runs.runUuid}
      and ${condition})`;
}

/** ORDER BY: the requested keys (missing values last), then start_time DESC and run_id. */
export function compileRunOrderBy(clauses: string[]): SQL[] {
  const order: SQL[] = [];
  let hasStartTime = false;
  for (const clause of clauses) {
    const { field, ascending } = parseOrderByClause(clause);
    const direction = ascending ? sql`asc nulls last` : sql`desc nulls last`;
    const { key } = field;
    switch (entityOf(field)) {
      case "metric": {
        // As MLflow's SQL store: numbers first (in the requested direction), then NaN, then missing,
        // whatever the direction. is_nan sorts false < true < null; NaN rows all hold value 0.
        const latest = sql`from latest_metrics m where m.run_uuid = ${runs.runUuid} and m.key = ${key}`;
        order.push(sql`(select m.is_nan ${latest}) asc nulls last`, sql`(select m.value ${latest}) ${direction}`);
        break;
      }
      case "param":
        order.push(sql`(select kv.value from params kv where kv.run_uuid = ${runs.runUuid} and kv.key = ${key}) ${direction}`);
        break;
      case "tag":
        order.push(sql`(select kv.value from tags kv where kv.run_uuid = ${runs.runUuid} and kv.key = ${key}) ${direction}`);
        break;
      case "attribute": {
        const name = key.toLowerCase() === "run name" ? "run name" : key === "Created" ? "created" : key;
        const column = STRING_ATTRIBUTES[name] ?? NUMERIC_ATTRIBUTES[name];
        if (!column) throw invalidParameter(`Invalid order_by clause '${clause}': unknown attribute '${key}'`);
        if (name === "start_time" || name === "created") hasStartTime = true;
        order.push(sql`${column} ${direction}`);
        break;
      }
      case "dataset":
        throw invalidParameter(`Invalid order_by clause '${clause}': runs cannot be ordered by dataset fields`);
    }
  }
  if (!hasStartTime) order.push(sql`${runs.startTime} desc`);
  order.push(sql`${runs.runUuid} asc`);
  return order;
}
