import { orderByFor, parseColumnId, quoteKey, SYSTEM_TAGS, type ColumnRef } from "./columns";
import type { ViewState } from "./view-state";

const PARENT = `tags.${quoteKey(SYSTEM_TAGS.parent)}`;
const quote = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * The filter the server evaluates: the user's (in parentheses, so its ORs stay inside) AND the
 * status facets AND, for nested views, `scope` (top-level runs, or the children of one parent).
 */
export function composeFilter(state: Pick<ViewState, "filter" | "statuses">, scope: { parentId?: string; topLevel?: boolean } = {}): string {
  const parts: string[] = [];
  if (state.filter.trim()) parts.push(`(${state.filter.trim()})`);
  if (state.statuses.length > 0) parts.push(`attributes.status IN (${state.statuses.map(quote).join(", ")})`);
  if (scope.topLevel) parts.push(`${PARENT} IS NULL`);
  if (scope.parentId) parts.push(`${PARENT} = ${quote(scope.parentId)}`);
  return parts.join(" AND ");
}

export function orderByOf(sort: ViewState["sort"]): string[] {
  const ref = sort && parseColumnId(sort.column);
  const clause = ref && orderByFor(ref, sort.desc);
  return clause ? [clause] : [];
}

/** The keys each page must carry for the shown columns (runs.search dataKeys + metric summaries). */
export function dataKeysOf(columns: ColumnRef[]) {
  const keys = (kind: ColumnRef["kind"], filter: (c: ColumnRef) => boolean = () => true) => [
    ...new Set(columns.filter((c) => c.kind === kind && filter(c)).map((c) => c.key)),
  ];
  return {
    dataKeys: {
      params: keys("param"),
      metrics: keys("metric", (c) => c.aggregate === "last"),
      tags: [...new Set([...keys("tag"), ...Object.values(SYSTEM_TAGS)])],
    },
    rangeKeys: keys("metric", (c) => c.aggregate !== "last"),
  };
}

/**
 * The server's message for an invalid filter names the composed filter; say it in terms of what
 * the user typed (the text, and positions shifted back past the opening parenthesis).
 */
export function explainFilterError(message: string | undefined, composed: string, typed: string): string | undefined {
  if (!message || !typed.trim() || !composed.startsWith(`(${typed.trim()})`)) return message;
  return message
    .split(`'${composed}'`)
    .join(`'${typed.trim()}'`)
    .replace(/at position (\d+)/g, (_, n) => `at position ${Math.max(0, Number(n) - 1)}`);
}
