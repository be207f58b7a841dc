/** How many wrappers deep to look: Drizzle wraps the driver's error, a retry may wrap that again. */
const MAX_DEPTH = 4;

/**
 * The first error in `err`'s chain that `matches` accepts: `err` itself, its `cause`, the cause's
 * cause…, and the `errors` of an AggregateError (postgres-js tries several addresses). The one
 * walker for every question asked of a database error (its SQLSTATE, our own wrapper types).
 */
export function findInCauseChain(err: unknown, matches: (e: object) => boolean, depth = 0): object | undefined {
  if (!err || typeof err !== "object" || depth > MAX_DEPTH) return undefined;
  if (matches(err)) return err;
  const { cause, errors } = err as { cause?: unknown; errors?: unknown };
  if (Array.isArray(errors)) {
    for (const e of errors) {
      const found = findInCauseChain(e, matches, depth + 1);
      if (found) return found;
    }
  }
  return findInCauseChain(cause, matches, depth + 1);
}

/** The SQLSTATE (or Node error code) of the first error in the chain that `matches` accepts. */
export function findErrorCode(err: unknown, matches: (code: string) => boolean): string | undefined {
  const found = findInCauseChain(err, (e) => {
    const { code } = e as { code?: unknown };
    return typeof code === "string" && matches(code);
  });
  return found && (found as { code: string }).code;
}
