/**
 * True when a database error (possibly wrapped by Drizzle) is a unique-constraint violation —
 * of the named constraint, when one is given. postgres-js names it `constraint_name`, PGlite
 * `constraint`.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let e: unknown = err; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const { code, constraint_name, constraint: name } = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (code === "23505") return constraint === undefined || (constraint_name ?? name) === constraint;
  }
  return false;
}
