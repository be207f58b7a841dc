import { useMemo } from "react";
import type { RunRow } from "./runs-table-rows";
import type { GridActions } from "./runs-grid";
import type { ViewState } from "./view-state";

type Update = (patch: Partial<ViewState> | ((s: ViewState) => Partial<ViewState>)) => void;

/** One bulk request's worth (the server's MAX_BULK_RUNS); it also keeps the URL a sane length. */
export const MAX_SELECTED = 1000;

const toggle = (list: string[], item: string) => (list.includes(item) ? list.filter((x) => x !== item) : [...list, item]);

/** The grid's interactions as view-state updates (all of which end up in the URL). */
export function useGridActions(update: Update, shownColumns: string[], rows: RunRow[]): GridActions {
  return useMemo(() => {
    const columns = (s: ViewState) => s.columns ?? shownColumns;
    return {
      // Unsorted → ascending → descending → unsorted.
      sortBy: (column) =>
        update((s) => ({
          sort: s.sort?.column !== column ? { column, desc: false } : s.sort.desc ? null : { column, desc: true },
        })),
      setWidths: (widths) => update({ widths }),
      moveColumn: (column, before) =>
        update((s) => {
          const rest = columns(s).filter((c) => c !== column);
          const at = before === null ? rest.length : rest.indexOf(before);
          return { columns: [...rest.slice(0, at), column, ...rest.slice(at)] };
        }),
      shiftColumn: (column, by) =>
        update((s) => {
          const list = [...columns(s)];
          const from = list.indexOf(column);
          const to = from + by;
          if (from < 0 || to < 0 || to >= list.length) return {};
          [list[from], list[to]] = [list[to], list[from]];
          return { columns: list };
        }),
      setPinned: (column, pinned) => update((s) => ({ pinned: pinned ? [...s.pinned.filter((c) => c !== column), column] : s.pinned.filter((c) => c !== column) })),
      replaceColumn: (column, withId) =>
        update((s) => ({
          columns: columns(s).includes(withId) ? columns(s).filter((c) => c !== column) : columns(s).map((c) => (c === column ? withId : c)),
          pinned: s.pinned.map((c) => (c === column ? withId : c)),
          sort: s.sort?.column === column ? null : s.sort,
        })),
      hideColumn: (column) =>
        update((s) => ({
          columns: columns(s).filter((c) => c !== column),
          pinned: s.pinned.filter((c) => c !== column),
          sort: s.sort?.column === column ? null : s.sort,
        })),
      toggleSelected: (runId) => update((s) => ({ selected: toggle(s.selected, runId) })),
      setAllSelected: (selected) =>
        update((s) => ({
          selected: selected ? [...new Set([...s.selected, ...rows.filter((r) => r.depth === 0).map((r) => r.runId)])].slice(0, MAX_SELECTED) : [],
        })),
      toggleExpanded: (runId) => update((s) => ({ expanded: toggle(s.expanded, runId) })),
    };
  }, [update, shownColumns, rows]);
}
