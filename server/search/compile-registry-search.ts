import { asc, desc, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { modelVersions, registeredModels } from "../db/schema";
import { invalidParameter } from "../mlflow-error";
import type { Comparison, FilterExpr } from "./ast";
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
import { checkOrderBy } from "./search-limits";

// search-registered-models and search-model-versions. Both hide prompts (models tagged
// mlflow.prompt.is_prompt = 'true') unless the filter asks about that tag, where a missing tag
// counts as 'false' — as MLflow's registry does.

const IS_PROMPT_TAG = "mlflow.prompt.is_prompt";
const ATTRIBUTE_PREFIXES = ["", "attribute", "attributes", "attr"];
const TAG_PREFIXES = ["tag", "tags"];

interface TagTable {
  /** `exists (…)` over the entity's tags with `key`, the tag value given to `condition`. */
  exists(key: string, condition: SQL): SQL;
  /** The tag's value for this entity, or NULL. */
  value(key: string): SQL;
}

const registeredModelTagTable: TagTable = {
  exists: (key, condition) =>
    sql`exists (select 1 from registered_model_tags t where t.name = ${registeredModels.name} and t.key = ${key} and ${condition})`,
  value: (key) => sql`(select t.value from registered_model_tags t where t.name = ${registeredModels.name} and t.key = ${key})`,
};

const modelVersionTagTable: TagTable = {
  exists: (key, condition) =>
    sql`exists (select 1 from model_version_tags t where t.name = ${modelVersions.name} and t.version = ${modelVersions.version} and t.key = ${key} and ${condition})`,
  value: (key) =>
    sql`(select t.value from model_version_tags t where t.name = ${modelVersions.name} and t.version = ${modelVersions.version} and t.key = ${key})`,
};

function compileTagLeaf(c: Comparison, tags: TagTable): SQL {
  requireComparator(c, STRING_COMPARATORS);
  const value = requireString(c);
  if (c.field.key === IS_PROMPT_TAG) return compareScalar(sql`coalesce(${tags.value(IS_PROMPT_TAG)}, 'false')`, c.op, value);
  return tags.exists(c.field.key, compareScalar(sql`t.value`, c.op, value));
}

function mentionsPromptTag(expr: FilterExpr | undefined): boolean {
  if (!expr) return false;
  if (expr.type === "compare") return isOneOf(expr.field.prefix, TAG_PREFIXES) && expr.field.key === IS_PROMPT_TAG;
  if (expr.type === "not") return mentionsPromptTag(expr.item);
  return expr.items.some(mentionsPromptTag);
}

function compileWhere(filter: string | undefined, leaf: (c: Comparison) => SQL, tags: TagTable): SQL {
  const expr = parseFilter(filter);
  const notPrompt = sql`not ${tags.exists(IS_PROMPT_TAG, sql`t.value = 'true'`)}`;
  if (!expr) return notPrompt;
  const where = compileBoolean(expr, leaf, (c) => isOneOf(c.field.prefix, TAG_PREFIXES) && c.field.key !== IS_PROMPT_TAG);
  return mentionsPromptTag(expr) ? where : sql`${where} and ${notPrompt}`;
}

interface RegistryOrderColumn {
  column: AnyPgColumn;
  ascending: boolean;
}

/** Parses order_by clauses against the allowed keys, refusing a column named twice. */
function parseOrderKeys(clauses: string[], columns: Record<string, AnyPgColumn>, entity: string): RegistryOrderColumn[] {
  checkOrderBy(clauses);
  const keys: RegistryOrderColumn[] = [];
  for (const clause of clauses) {
    const { field, ascending } = parseOrderByClause(clause);
    const column = isOneOf(field.prefix, ATTRIBUTE_PREFIXES) ? columns[field.key] : undefined;
    if (!column || !Object.hasOwn(columns, field.key)) {
      throw invalidParameter(
        `Invalid order by key '${describeField(field)}' specified. ${entity} can be ordered by ${Object.keys(columns).join(", ")}.`,
      );
    }
    if (keys.some((k) => k.column === column)) {
      throw invalidParameter(`\`order_by\` contains duplicate fields: ${JSON.stringify(clauses)}`);
    }
    keys.push({ column, ascending });
  }
  return keys;
}

const toOrderSql = ({ column, ascending }: RegistryOrderColumn) => (ascending ? asc(column) : desc(column));

// ---- registered models ----

const REGISTERED_MODEL_ORDER_COLUMNS: Record<string, AnyPgColumn> = {
  name: registeredModels.name,
  creation_timestamp: registeredModels.creationTime,
  last_updated_timestamp: registeredModels.lastUpdatedTime,
  // MLflow's SQL store reads "timestamp" as the last update.
  timestamp: registeredModels.lastUpdatedTime,
};

function compileRegisteredModelLeaf(c: Comparison): SQL {
  if (isOneOf(c.field.prefix, TAG_PREFIXES)) return compileTagLeaf(c, registeredModelTagTable);
  if (isOneOf(c.field.prefix, ATTRIBUTE_PREFIXES) && c.field.key === "name") {
    requireComparator(c, STRING_COMPARATORS);
    return compareScalar(sql`${registeredModels.name}`, c.op, requireString(c));
  }
  throw invalidParameter(
    `Invalid attribute key '${describeField(c.field)}' at position ${c.pos}. Registered models can be searched by name and tags.<key>`,
  );
}

/** WHERE and ORDER BY over `registered_models` (ties broken by name ascending). */
export function compileRegisteredModelSearch(request: { filter?: string; orderBy: string[] }): { where: SQL; orderBy: SQL[] } {
  const keys = parseOrderKeys(request.orderBy, REGISTERED_MODEL_ORDER_COLUMNS, "Registered models");
  if (!keys.some((k) => k.column === registeredModels.name)) keys.push({ column: registeredModels.name, ascending: true });
  return { where: compileWhere(request.filter, compileRegisteredModelLeaf, registeredModelTagTable), orderBy: keys.map(toOrderSql) };
}

// ---- model versions ----

const MODEL_VERSION_ORDER_COLUMNS: Record<string, AnyPgColumn> = {
  name: modelVersions.name,
  version_number: modelVersions.version,
  creation_timestamp: modelVersions.creationTime,
  last_updated_timestamp: modelVersions.lastUpdatedTime,
};

const DEFAULT_MODEL_VERSION_ORDER = ["last_updated_timestamp DESC", "name ASC", "version_number DESC"];

const STRING_ATTRIBUTES: Record<string, AnyPgColumn> = {
  name: modelVersions.name,
  run_id: modelVersions.runId,
  source_path: modelVersions.source,
};

function compileModelVersionLeaf(c: Comparison): SQL {
  const { prefix, key } = c.field;
  if (isOneOf(prefix, TAG_PREFIXES)) return compileTagLeaf(c, modelVersionTagTable);
  if (isOneOf(prefix, ATTRIBUTE_PREFIXES)) {
    if (key === "version_number") {
      requireComparator(c, NUMERIC_COMPARATORS);
      return compareScalar(sql`${modelVersions.version}`, c.op, requireNumber(c));
    }
    if (Object.hasOwn(STRING_ATTRIBUTES, key)) {
      const column = sql`${STRING_ATTRIBUTES[key]}`;
      if (c.op === "IN" || c.op === "NOT IN") {
        if (key !== "run_id") throw invalidParameter(`Invalid comparator for attribute: ${c.op}. IN lists are supported for run_id only`);
        const list = sql`any(${sql.param(requireList(c))}::text[])`;
        return c.op === "IN" ? sql`${column} = ${list}` : sql`not (${column} = ${list})`;
      }
      requireComparator(c, STRING_COMPARATORS);
      return compareScalar(column, c.op, requireString(c));
    }
  }
  throw invalidParameter(
    `Invalid attribute key '${describeField(c.field)}' at position ${c.pos}. Model versions can be searched by ` +
      `name, version_number, run_id, source_path and tags.<key>`,
  );
}

/** WHERE and ORDER BY over `model_versions` (default newest update first; ties by name, then version descending). */
export function compileModelVersionSearch(request: { filter?: string; orderBy: string[] }): { where: SQL; orderBy: SQL[] } {
  const clauses = request.orderBy.length > 0 ? request.orderBy : DEFAULT_MODEL_VERSION_ORDER;
  const keys = parseOrderKeys(clauses, MODEL_VERSION_ORDER_COLUMNS, "Model versions");
  if (!keys.some((k) => k.column === modelVersions.name)) keys.push({ column: modelVersions.name, ascending: true });
  if (!keys.some((k) => k.column === modelVersions.version)) keys.push({ column: modelVersions.version, ascending: false });
  return { where: compileWhere(request.filter, compileModelVersionLeaf, modelVersionTagTable), orderBy: keys.map(toOrderSql) };
}
