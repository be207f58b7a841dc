import { inArray, notInArray, sql, type SQL } from "drizzle-orm";
import { invalidParameter } from "../mlflow-error";
import type { Comparison, FieldRef, FilterExpr } from "./ast";
import {
  compareScalar,
  compareWholeNumber,
  compileBoolean,
  describeField,
  NUMERIC_COMPARATORS,
  requireComparator,
  requireList,
  requireNumberLiteral,
  requireString,
  STRING_COMPARATORS,
} from "./compile-common";
import { parseFilter } from "./parse-filter";
import { checkOrderBy } from "./search-limits";

// logged-models/search has its own grammar (search_logged_model_utils.py): `metrics.`/`params.`/`tags.`/
// `attributes.` or a bare attribute; strings take = != LIKE ILIKE IN NOT IN, numbers = != < <= > >=.
// Parsed by the shared parser, so OR, NOT and parentheses work as for runs; SQL uses alias `lm`.

export interface DatasetRestriction {
  datasetName: string;
  datasetDigest?: string;
}

/** One structured order_by entry of the request. */
export interface LoggedModelOrder extends Partial<DatasetRestriction> {
  fieldName: string;
  ascending: boolean;
}

export type LoggedModelEntity = "metric" | "param" | "tag" | "attribute";

const PREFIXES: Record<string, LoggedModelEntity> = {
  metrics: "metric",
  params: "param",
  tags: "tag",
  attributes: "attribute",
  "": "attribute",
};

const STRING_OPS = [...STRING_COMPARATORS, "IN", "NOT IN"] as const;

const lm = (column: string) => sql.raw(`lm.${column}`);
const CREATION_TIME = lm("creation_timestamp_ms");
const LAST_UPDATED = lm("last_updated_timestamp_ms");

/** `table[key]` for own keys only: a field named "constructor" must not find Object's. */
const lookup = <T>(table: Record<string, T>, key: string): T | undefined => (Object.hasOwn(table, key) ? table[key] : undefined);

/** Status is stored as MLflow's integer; filters compare its proto name. */
const STATUS_NAME = sql.raw(
  `(case lm.status when 1 then 'LOGGED_MODEL_PENDING' when 2 then 'LOGGED_MODEL_READY' when 3 then 'LOGGED_MODEL_UPLOAD_FAILED' else 'LOGGED_MODEL_STATUS_UNSPECIFIED' end)`,
);

const STRING_ATTRIBUTES: Record<string, SQL> = {
  name: lm("name"),
  model_id: lm("model_id"),
  model_type: lm("model_type"),
  source_run_id: lm("source_run_id"),
  status: STATUS_NAME,
  experiment_id: sql.raw("lm.experiment_id::text"),
};

// MLflow's aliases (SqlLoggedModel.ALIASES) beside the column names themselves.
const NUMERIC_ATTRIBUTES: Record<string, SQL> = {
  creation_timestamp: CREATION_TIME,
  creation_time: CREATION_TIME,
  creation_timestamp_ms: CREATION_TIME,
  last_updated_timestamp: LAST_UPDATED,
  last_updated_timestamp_ms: LAST_UPDATED,
};

// Ordering uses the stored status number (MLflow orders by the column), other strings as filters do.
const ORDERABLE_STRING_ATTRIBUTES: Record<string, SQL> = { ...STRING_ATTRIBUTES, status: lm("status"), experiment_id: lm("experiment_id") };

/** Which entity a filter field names; an unknown prefix is an error, as in MLflow. */
export function loggedModelEntityOf(field: FieldRef): LoggedModelEntity {
  const entity = lookup(PREFIXES, field.prefix);
  if (!entity) {
    throw invalidParameter(
      `Invalid entity type '${field.prefix}' at position ${field.pos}. Expected one of metrics, params, tags or attributes.`,
    );
  }
  return entity;
}

/** WHERE (beyond experiment and lifecycle), derived-table joins and ORDER BY of a search. */
export function compileLoggedModelSearch(request: {
  filter?: string;
  datasets: DatasetRestriction[];
  orderBy: LoggedModelOrder[];
}): { where: SQL | undefined; joins: SQL[]; orderBy: SQL[] } {
  const expr = parseFilter(request.filter);
  const onDatasets = datasetCondition(request.datasets);
  const filter = expr && compileBoolean(expr, (c) => compileLeaf(c, onDatasets), (c) => loggedModelEntityOf(c.field) !== "attribute");
  // With datasets but no metric comparison, MLflow keeps the models with any metric on them.
  const anyMetricOnDatasets =
    onDatasets && !(expr && hasMetricComparison(expr))
      ? sql`exists (select 1 from logged_model_metrics x where x.model_id = lm.model_id and ${onDatasets})`
      : undefined;
  const where = filter && anyMetricOnDatasets ? sql`${filter} and ${anyMetricOnDatasets}` : (filter ?? anyMetricOnDatasets);
  return { where, ...compileLoggedModelOrder(request.orderBy) };
}

function hasMetricComparison(expr: FilterExpr): boolean {
  switch (expr.type) {
    case "and":
    case "or":
      return expr.items.some(hasMetricComparison);
    case "not":
      return hasMetricComparison(expr.item);
    case "compare":
      return loggedModelEntityOf(expr.field) === "metric";
  }
}

/** Metric rows logged against any of the datasets (name, and digest when given); x is the row. */
function datasetCondition(datasets: DatasetRestriction[]): SQL | undefined {
  if (datasets.length === 0) return undefined;
  const each = datasets.map((d) =>
    d.datasetDigest ? sql`(x.dataset_name = ${d.datasetName} and x.dataset_digest = ${d.datasetDigest})` : sql`x.dataset_name = ${d.datasetName}`,
  );
  return sql`(${sql.join(each, sql` or `)})`;
}

function compileLeaf(c: Comparison, onDatasets: SQL | undefined): SQL {
  const { key } = c.field;
  switch (loggedModelEntityOf(c.field)) {
    case "metric": {
      // As MLflow: some logged point of the metric (on the datasets, if given) satisfies it.
      // NaN points never do (PostgreSQL would order NaN above every number).
      requireComparator(c, NUMERIC_COMPARATORS);
      const condition = compareScalar(sql`x.metric_value`, c.op, requireNumberLiteral(c));
      return sql`exists (select 1 from logged_model_metrics x where x.model_id = lm.model_id and x.metric_name = ${key}
        and x.metric_value <> 'NaN'::float8 and ${condition}${onDatasets ? sql` and ${onDatasets}` : sql``})`;
    }
    case "param":
      return compileKeyValue(c, sql.raw("logged_model_params"), sql.raw("param_key"), sql.raw("param_value"));
    case "tag":
      return compileKeyValue(c, sql.raw("logged_model_tags"), sql.raw("tag_key"), sql.raw("tag_value"));
    case "attribute":
      return compileAttribute(c);
  }
}

function compileKeyValue(c: Comparison, table: SQL, keyColumn: SQL, valueColumn: SQL): SQL {
  const exists = (condition: SQL) =>
    sql`exists (select 1 from ${table} kv where kv.model_id = lm.model_id and kv.${keyColumn} = ${c.field.key}${condition})`;
  if (c.op === "IS NULL") return sql`not ${exists(sql``)}`;
  if (c.op === "IS NOT NULL") return exists(sql``);
  return exists(sql` and ${compareText(c, sql`kv.${valueColumn}`)}`);
}

/** A string comparison, IN lists included; a bare number compares as its text (params.x = 5), as in MLflow. */
function compareText(c: Comparison, column: SQL, spell: (value: string) => string = (v) => v): SQL {
  requireComparator(c, STRING_OPS);
  if (c.op === "IN" || c.op === "NOT IN") {
    const values = requireList(c).map(spell);
    return c.op === "IN" ? inArray(column, values) : notInArray(column, values);
  }
  const value = typeof c.value === "number" ? String(c.value) : requireString(c);
  return compareScalar(column, c.op, spell(value));
}

function compileAttribute(c: Comparison): SQL {
  const { key } = c.field;
  const stringColumn = lookup(STRING_ATTRIBUTES, key);
  if (stringColumn) {
    // Statuses may be written short ('READY') or as the proto name ('LOGGED_MODEL_READY').
    const spellStatus = (value: string) => (/^(PENDING|READY|UPLOAD_FAILED)$/.test(value) ? `LOGGED_MODEL_${value}` : value);
    return compareText(c, stringColumn, key === "status" ? spellStatus : undefined);
  }
  const numericColumn = lookup(NUMERIC_ATTRIBUTES, key);
  if (numericColumn) {
    requireComparator(c, NUMERIC_COMPARATORS);
    return compareWholeNumber(numericColumn, c.op, requireNumberLiteral(c));
  }
  throw invalidParameter(
    `Invalid attribute key '${describeField(c.field)}' at position ${c.pos}. Valid attributes are ` +
      `${[...Object.keys(STRING_ATTRIBUTES), "creation_timestamp", "creation_time", "last_updated_timestamp"].join(", ")}`,
  );
}

/**
 * ORDER BY: requested keys (missing last either way), then newest creation unless asked, then model_id so
 * pages never overlap. A metric ranks by its latest point (on the given dataset, if any) via a derived
 * table reading logged_model_metrics_name_dataset_idx.
 */
export function compileLoggedModelOrder(order: LoggedModelOrder[]): { joins: SQL[]; orderBy: SQL[] } {
  checkOrderBy(order, (entry) => (entry as LoggedModelOrder).fieldName);
  const joins: SQL[] = [];
  const orderBy: SQL[] = [];
  let hasCreationTime = false;
  const direction = (ascending: boolean) => sql.raw(ascending ? "asc" : "desc");
  for (const entry of order) {
    const dot = entry.fieldName.indexOf(".");
    if (dot < 0) {
      const column = lookup(NUMERIC_ATTRIBUTES, entry.fieldName) ?? lookup(ORDERABLE_STRING_ATTRIBUTES, entry.fieldName);
      if (!column) throw invalidParameter(`Invalid order by field name: ${entry.fieldName}`);
      if (column === CREATION_TIME) hasCreationTime = true;
      orderBy.push(sql`${column} ${direction(entry.ascending)} nulls last`);
      continue;
    }
    const [entity, key] = [entry.fieldName.slice(0, dot), entry.fieldName.slice(dot + 1)];
    if (entity !== "metrics") {
      throw invalidParameter(`Invalid order by field name: ${entry.fieldName}. Only metrics are supported.`);
    }
    const name = sql.raw(`o${joins.length}`);
    joins.push(sql`left join (
      select distinct on (x.model_id) x.model_id, x.metric_value as value
      from logged_model_metrics x
      where x.metric_name = ${key}${entry.datasetName ? sql` and x.dataset_name = ${entry.datasetName}` : sql``}${
        entry.datasetDigest ? sql` and x.dataset_digest = ${entry.datasetDigest}` : sql``
      }
      order by x.model_id, x.metric_timestamp_ms desc nulls last, x.metric_step desc nulls last
    ) ${name} on ${name}.model_id = lm.model_id`);
    // Numbers first (in the requested direction), then NaN, then models without the metric.
    orderBy.push(sql`${name}.value is null`, sql`${name}.value = 'NaN'::float8`, sql`${name}.value ${direction(entry.ascending)}`);
  }
  if (!hasCreationTime) orderBy.push(sql`lm.creation_timestamp_ms desc nulls last`); // as the index is declared
  orderBy.push(sql`lm.model_id asc`);
  return { joins, orderBy };
}
