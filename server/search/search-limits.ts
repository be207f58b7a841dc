import { invalidParameter } from "../mlflow-error";

/**
 * How much work one search may ask for: far above what people or the UI write, far below where work explodes
 * (PGlite's JS-stack recursion, our parser's nesting, PostgreSQL's 65,535 parameters and 1,664 columns).
 * Figures in bench/search-limits.
 */
const SEARCH_LIMITS = {
  /** Characters of a filter string: room for an IN list of ~1,500 run ids. */
  filterChars: 65_536,
  /** Comparisons in one filter (after MLflow's own `AND` chains, a generous ceiling). */
  comparisons: 100,
  /** Parentheses and NOTs nested inside each other. */
  nesting: 32,
  /** Values across all IN / NOT IN lists of one filter. */
  listValues: 10_000,
  /** order_by keys of one search. */
  orderByKeys: 32,
  /** Characters of one order_by clause. */
  orderByClauseChars: 1_000,
} as const;

const tooMuch = (what: string, limit: number, found: string) =>
  invalidParameter(`Invalid filter: ${what} (${found}); the limit is ${limit.toLocaleString("en-US")}. Split the search or narrow the filter.`);

export function checkFilterLength(filter: string): void {
  if (filter.length > SEARCH_LIMITS.filterChars) {
    throw tooMuch("the filter is too long", SEARCH_LIMITS.filterChars, `${filter.length.toLocaleString("en-US")} characters`);
  }
}

/** Counts what a parse builds, and stops it as soon as a limit is passed (before deep recursion). */
export class FilterBudget {
  private depth = 0;
  private comparisons = 0;
  private listValues = 0;

  enterNesting(): void {
    if (++this.depth > SEARCH_LIMITS.nesting) {
      throw tooMuch("parentheses and NOT are nested too deeply", SEARCH_LIMITS.nesting, `more than ${SEARCH_LIMITS.nesting} levels`);
    }
  }

  leaveNesting(): void {
    this.depth--;
  }

  countComparison(): void {
    if (++this.comparisons > SEARCH_LIMITS.comparisons) {
      throw tooMuch("too many comparisons", SEARCH_LIMITS.comparisons, `more than ${SEARCH_LIMITS.comparisons}`);
    }
  }

  countListValue(): void {
    if (++this.listValues > SEARCH_LIMITS.listValues) {
      throw tooMuch("too many values in IN lists", SEARCH_LIMITS.listValues, `more than ${SEARCH_LIMITS.listValues.toLocaleString("en-US")}`);
    }
  }
}

/** order_by: at most SEARCH_LIMITS.orderByKeys clauses, each of bounded length. */
export function checkOrderBy(clauses: readonly unknown[], clauseText: (clause: unknown) => string = String): void {
  if (clauses.length > SEARCH_LIMITS.orderByKeys) {
    throw invalidParameter(
      `Invalid order_by: ${clauses.length.toLocaleString("en-US")} keys; the limit is ${SEARCH_LIMITS.orderByKeys}.`,
    );
  }
  for (const clause of clauses) {
    const text = clauseText(clause);
    if (text.length > SEARCH_LIMITS.orderByClauseChars) {
      throw invalidParameter(
        `Invalid order_by: a clause of ${text.length.toLocaleString("en-US")} characters; the limit is ${SEARCH_LIMITS.orderByClauseChars.toLocaleString("en-US")}.`,
      );
    }
  }
}
