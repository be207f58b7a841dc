import { findInCauseChain } from "./cause-chain";

/**
 * True when a database error (possibly wrapped by Drizzle) is a unique-constraint violation —
 * of the named constraint, when one is given. postgres-js names it `constraint_name`, PGlite
 * `constraint`.
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const violation = findInCauseChain(err, (e) => (e as { code?: unknown }).code === "23505");
  if (!violation) return false;
  const { constraint_name, constraint: name } = violation as { constraint_name?: unknown; constraint?: unknown };
  return constraint === undefined || (constraint_name ?? name) === constraint;
}
