import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { experiments } from "../db/schema";
import { invalidParameter } from "../mlflow-error";
import type { Comparison, FilterExpr } from "./ast";
import {
  compareScalar,
  compareWholeNumber,
  compileBoolean,
  describeField,
  isOneOf,
  NUMERIC_COMPARATORS,
  requireComparator,
  requireNumberLiteral,
  requireString,
  STRING_COMPARATORS,
} from "./compile-common";
import { parseFilter } from "./parse-filter";
import { parseOrderByClause } from "./parse-order-by";
import { checkOrderBy } from "./search-limits";

/** WHERE and ORDER BY over `experiments` for a search-experiments request. */
export function compileExperimentSearch(request: {
  filter?: string;
  orderBy: string[];
  viewType: "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL";
}): { where: SQL | undefined; orderBy: SQL[] } {
  const lifecycle =
    request.viewType === "ALL"
      ? undefined
      : eq(experiments.lifecycleStage, request.viewType === "ACTIVE_ONLY" ? "active" : "deleted");
  return {
    where: and(lifecycle, compileExperimentFilter(parseFilter(request.filter))),
    orderBy: compileExperimentOrderBy(request.orderBy),
  };
}

// MLflow's experiment search takes exactly these prefixes (not attributes., attr. or `tags`.).
const ATTRIBUTE_PREFIXES = ["", "attribute"];
const TAG_PREFIXES = ["tag", "tags"];

function requireKnownPrefix(prefix: string, pos: number): void {
  if (!isOneOf(prefix, [...ATTRIBUTE_PREFIXES, ...TAG_PREFIXES])) {
    throw invalidParameter(`Invalid entity type '${prefix}' at position ${pos}. Valid entity types are attribute., tag. and tags.`);
  }
}
const NUMERIC_ATTRIBUTES = { creation_time: experiments.creationTime, last_update_time: experiments.lastUpdateTime };

/** WHERE clause over `experiments` for a parsed search-experiments filter. */
export function compileExperimentFilter(expr: FilterExpr | undefined): SQL | undefined {
  return expr && compileBoolean(expr, compileLeaf, (c) => isOneOf(c.field.prefix, TAG_PREFIXES));
}

function compileLeaf(c: Comparison): SQL {
  const { prefix, key } = c.field;
  requireKnownPrefix(prefix, c.pos);
  if (isOneOf(prefix, TAG_PREFIXES)) {
    if (c.op === "IS NULL" || c.op === "IS NOT NULL") {
      const present = sql`exists (select 1 from experiment_tags t where t.experiment_id = ${experiments.experimentId} and t.key = ${key})`;
      return c.op === "IS NULL" ? sql`not ${present}` : present;
    }
    requireComparator(c, STRING_COMPARATORS);
    return sql`exists (select 1 from experiment_tags t where t.experiment_id = ${experiments.experimentId} and t.key = ${key} and ${compareScalar(sql`t.value`, c.op, requireString(c))})`;
  }
  if (isOneOf(prefix, ATTRIBUTE_PREFIXES)) {
    if (key === "name") {
      requireComparator(c, STRING_COMPARATORS);
      return compareScalar(sql`${experiments.name}`, c.op, requireString(c));
    }
    if (Object.hasOwn(NUMERIC_ATTRIBUTES, key)) {
      requireComparator(c, NUMERIC_COMPARATORS);
      return compareWholeNumber(sql`${NUMERIC_ATTRIBUTES[key as keyof typeof NUMERIC_ATTRIBUTES]}`, c.op, requireNumberLiteral(c));
    }
  }
  throw invalidParameter(
    `Invalid attribute key '${describeField(c.field)}' at position ${c.pos}. Experiments can be searched by ` +
      `name, creation_time, last_update_time and tags.<key>`,
  );
}

const ORDERABLE = {
  name: experiments.name,
  experiment_id: experiments.experimentId,
  creation_time: experiments.creationTime,
  last_update_time: experiments.lastUpdateTime,
} as const;

/** ORDER BY for search-experiments, with MLflow's default and experiment_id tie-break. */
export function compileExperimentOrderBy(clauses: string[]): SQL[] {
  checkOrderBy(clauses);
  if (clauses.length === 0) return [desc(experiments.creationTime), asc(experiments.experimentId)];
  const keys = clauses.map((clause) => {
    const { field, ascending } = parseOrderByClause(clause);
    requireKnownPrefix(field.prefix, field.pos);
    if (!isOneOf(field.prefix, ATTRIBUTE_PREFIXES) || !Object.hasOwn(ORDERABLE, field.key)) {
      throw invalidParameter(
        `Invalid order_by clause '${clause}'. Experiments can be ordered by name, experiment_id, creation_time and last_update_time`,
      );
    }
    return { key: field.key as keyof typeof ORDERABLE, ascending };
  });
  const order = keys.map(({ key, ascending }) => (ascending ? asc(ORDERABLE[key]) : desc(ORDERABLE[key])));
  if (!keys.some((k) => k.key === "experiment_id")) order.push(desc(experiments.experimentId));
  return order;
}
