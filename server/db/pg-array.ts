// PostgreSQL array literals ('{…}'), so that a column of a whole batch travels as ONE bind
// parameter and `unnest` turns the columns back into rows: cheaper for the database to read than
// JSON, and the same on postgres-js and PGlite.

/** float8[] / int8[] literal; ±Infinity, NaN and -0 (which String() writes as "0") are spelled as PostgreSQL reads them. */
export function numberArrayLiteral(values: readonly number[]): string {
  return `{${values.map((v) => (Number.isNaN(v) ? "NaN" : v === 0 && 1 / v < 0 ? "-0" : String(v))).join(",")}}`;
}

export function boolArrayLiteral(values: readonly boolean[]): string {
  return `{${values.map((v) => (v ? "t" : "f")).join(",")}}`;
}

/** text[] literal: every element quoted (backslash and double quote escaped); undefined → NULL. */
export function textArrayLiteral(values: readonly (string | undefined | null)[]): string {
  return `{${values.map((v) => (v == null ? "NULL" : `"${escapeArrayElement(v)}"`)).join(",")}}`;
}

// Metric keys repeat a thousand times a batch and almost never hold a quote or backslash:
// look before running the replacement.
function escapeArrayElement(text: string): string {
  return text.includes('"') || text.includes("\\") ? text.replace(/[\\"]/g, "\\$&") : text;
}
