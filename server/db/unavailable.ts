import { findInCauseChain } from "./cause-chain";

/**
 * The database cannot answer this request now, though the request itself may be fine: a search
 * ran past its statement timeout, or the embedded database failed and is being reopened. The
 * edges answer 503 TEMPORARILY_UNAVAILABLE (MLflow clients retry it) with this message.
 */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseUnavailableError";
  }
}

/** The DatabaseUnavailableError behind `err`, looking through the wrappers Drizzle adds. */
export function findDatabaseUnavailable(err: unknown): DatabaseUnavailableError | undefined {
  return findInCauseChain(err, (e) => e instanceof DatabaseUnavailableError) as DatabaseUnavailableError | undefined;
}
