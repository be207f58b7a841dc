import { sql, type SQL } from "drizzle-orm";
import { invalidParameter } from "../mlflow-error";
import type { Comparator, Comparison, FieldRef, FilterExpr } from "./ast";
import { compileMerged } from "./merge-clauses";

/**
 * Folds AND / OR / NOT over the leaves compiled by `leaf`, each distinct comparison once;
 * `isSubquery` names the leaves compiled to EXISTS, of which only a few may become joins.
 */
export function compileBoolean(expr: FilterExpr, leaf: (c: Comparison) => SQL, isSubquery?: (c: Comparison) => boolean): SQL {
  return compileMerged(expr, leaf, { isSubquery });
}

export const STRING_COMPARATORS: readonly Comparator[] = ["=", "!=", "LIKE", "ILIKE"];
export const NUMERIC_COMPARATORS: readonly Comparator[] = ["=", "!=", "<", "<=", ">", ">="];

export function describeField(field: FieldRef): string {
  return field.prefix ? `${field.prefix}.${field.key}` : field.key;
}

export function requireComparator(c: Comparison, allowed: readonly Comparator[]): void {
  if (!allowed.includes(c.op)) {
    throw invalidParameter(
      `Invalid comparator '${c.op}' for '${describeField(c.field)}' at position ${c.pos}; ` +
        `expected one of ${allowed.join(", ")}`,
    );
  }
}

export function requireString(c: Comparison): string {
  if (typeof c.value !== "string") {
    throw invalidParameter(`Expected a quoted string value for '${describeField(c.field)}' at position ${c.pos}, got ${JSON.stringify(c.value)}`);
  }
  return c.value;
}

export function requireNumber(c: Comparison): number {
  const { value } = c;
  if (typeof value === "number") return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  throw invalidParameter(`Expected a numeric value for '${describeField(c.field)}' at position ${c.pos}, got ${JSON.stringify(value)}`);
}

/** A bare number, as MLflow requires for metrics and numeric attributes: '0.5' (quoted) is refused. */
export function requireNumberLiteral(c: Comparison): number {
  if (typeof c.value === "number") return c.value;
  throw invalidParameter(
    `Expected a numeric value for '${describeField(c.field)}' at position ${c.pos}, found ${Array.isArray(c.value) ? "a list" : `'${c.value}'`}`,
  );
}

/**
 * `column <op> value` on an integer column (epoch-ms times) for any number: a fraction becomes the
 * equivalent comparison with a whole number (start_time > 5.5 is start_time >= 6), so that the
 * value stays a bigint parameter and the column's index still serves.
 */
export function compareWholeNumber(column: SQL, op: Comparator, value: number): SQL {
  // Beyond ±2^53 no stored time lies; clamping keeps the parameter a valid bigint.
  const clamp = (n: number) => Math.max(-Number.MAX_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, n));
  if (Number.isInteger(value)) return compareScalar(column, op, clamp(value));
  switch (op) {
    case "=":
      return sql`false`;
    case "!=":
      return sql`${column} is not null`;
    case "<":
    case "<=":
      return compareScalar(column, "<=", clamp(Math.floor(value)));
    case ">":
    case ">=":
      return compareScalar(column, ">=", clamp(Math.ceil(value)));
    default:
      return compareScalar(column, op, value);
  }
}

export function requireList(c: Comparison): string[] {
  if (!Array.isArray(c.value)) throw invalidParameter(`Expected a list of values for '${describeField(c.field)}' at position ${c.pos}`);
  return c.value;
}

/** `column <op> value` for the scalar comparators and LIKE / ILIKE. */
export function compareScalar(column: SQL, op: Comparator, value: string | number): SQL {
  switch (op) {
    case "=":
      return sql`${column} = ${value}`;
    case "!=":
      return sql`${column} <> ${value}`;
    case "<":
      return sql`${column} < ${value}`;
    case "<=":
      return sql`${column} <= ${value}`;
    case ">":
      return sql`${column} > ${value}`;
    case ">=":
      return sql`${column} >= ${value}`;
    case "LIKE":
      return sql`${column} like ${value}`;
    case "ILIKE":
      return sql`${column} ilike ${value}`;
    default:
      throw invalidParameter(`Comparator ${op} needs a list or NULL, not a single value`);
  }
}

export function isOneOf(prefix: string, names: readonly string[]): boolean {
  return names.includes(prefix);
}
