import { formatNumber } from "./format-number";
import { columnLabel, SYSTEM_TAGS, type ColumnRef } from "./columns";
import type { RunRow } from "./runs-table-rows";

// Columns start as wide as their content (header label and the values of the rows on screen),
// within bounds; the full text of anything still cut off is in its tooltip. Text width is
// estimated from its length, so the server and the browser agree on the first render.

export const MIN_WIDTH = 60;
export const MAX_WIDTH = 800;
/** An automatic width never goes beyond this: a long value is cut off (tooltip) rather than pushing every other column away. */
const MAX_AUTO_WIDTH = 320;
/** Average advance of a 13 px system-ui character; headers are semibold. */
const CELL_CHAR_PX = 7.2;
const HEADER_CHAR_PX = 7.6;
/** Header: padding, the sort mark (room kept for it, so sorting never cuts the label) and the options button. Cells: padding. */
const HEADER_CHROME_PX = 60;
const CELL_CHROME_PX = 18;
/** The expand button and child indent in front of a run name in the nested view. */
const TREE_TOGGLE_PX = 40;

/** Attribute columns whose content has a known width. */
const FIXED_WIDTHS: Record<string, number> = { "a.status": 110, "a.start": 160, "a.commit": 90, "a.parent": 100 };

/** The text a cell shows, for measuring; undefined for columns of fixed width. */
export function cellText(ref: ColumnRef, row: RunRow): string | undefined {
  switch (ref.kind) {
    case "param":
      return row.params[ref.key] ?? "";
    case "tag":
      return row.tags[ref.key] ?? "";
    case "metric":
      return formatNumber(ref.aggregate === "last" ? row.metrics[ref.key] : row.ranges[ref.key]?.[ref.aggregate]);
    case "attribute":
      if (ref.key === "name") return row.name || row.runId;
      if (ref.key === "user") return row.userId || row.tags[SYSTEM_TAGS.user] || "";
      if (ref.key === "source") return (row.tags[SYSTEM_TAGS.source] ?? "").split(/[\\/]/).pop();
      if (ref.key === "duration") return "12m 34s…";
      return undefined;
  }
}

/** The starting width of a column: its label and the longest of `rows`' values, within bounds. */
export function autoWidth(ref: ColumnRef, rows: RunRow[], options: { nested: boolean }): number {
  const fixed = FIXED_WIDTHS[ref.id];
  if (fixed !== undefined) return fixed;
  const header = columnLabel(ref).length * HEADER_CHAR_PX + HEADER_CHROME_PX;
  let longest = 0;
  for (const row of rows) longest = Math.max(longest, cellText(ref, row)?.length ?? 0);
  const tree = ref.id === "a.name" && options.nested ? TREE_TOGGLE_PX : 0;
  const cells = longest * CELL_CHAR_PX + CELL_CHROME_PX + tree;
  return Math.round(Math.min(MAX_AUTO_WIDTH, Math.max(MIN_WIDTH, header, cells)));
}
