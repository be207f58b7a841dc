"use client";
import {
  columnOrderingFeature,
  columnPinningFeature,
  columnResizingFeature,
  columnSizingFeature,
  columnVisibilityFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnSizingState,
  type Updater,
} from "@tanstack/react-table";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState } from "react";
import { renderCell } from "./cells";
import { columnLabel, type ColumnRef } from "./columns";
import { autoWidth, MAX_WIDTH, MIN_WIDTH } from "./column-widths";
import { HeaderControls } from "./header-controls";
import type { RunRow } from "./runs-table-rows";
import styles from "./runs-table.module.css";

const features = tableFeatures({
  columnOrderingFeature,
  columnPinningFeature,
  columnVisibilityFeature,
  columnSizingFeature,
  columnResizingFeature,
});

export const ROW_HEIGHT = 34;
const SELECT_COLUMN = "_select";

export interface GridActions {
  sortBy(columnId: string): void;
  setWidths(widths: Record<string, number>): void;
  moveColumn(columnId: string, beforeId: string | null): void;
  shiftColumn(columnId: string, by: -1 | 1): void;
  setPinned(columnId: string, pinned: boolean): void;
  replaceColumn(columnId: string, withId: string): void;
  hideColumn(columnId: string): void;
  toggleSelected(runId: string): void;
  setAllSelected(selected: boolean): void;
  toggleExpanded(runId: string): void;
}

export interface RunsGridProps {
  experimentId: string;
  rows: RunRow[];
  columns: ColumnRef[];
  pinned: string[];
  widths: Record<string, number>;
  sort: { column: string; desc: boolean } | null;
  selected: Set<string>;
  expanded: Set<string>;
  nested: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  /** The rows shown still belong to the previous sort or filter (the new ones are on their way). */
  isStale: boolean;
  fetchNextPage(): void;
  actions: GridActions;
}

/** The virtualized runs grid: sticky header, pinned columns, resizable and reorderable columns. */
export function RunsGrid(props: RunsGridProps) {
  const { rows, columns, actions } = props;
  const now = useNow(rows);
  // Sized to the rows on screen when the columns are chosen, not re-measured as pages load or sort.
  const columnDefs = useMemo<ColumnDef<typeof features, RunRow, unknown>[]>(
    () => [
      { id: SELECT_COLUMN, size: 36, minSize: 36, maxSize: 36, enableResizing: false, header: () => null },
      ...columns.map((ref) => ({
        id: ref.id,
        size: autoWidth(ref, rows, { nested: props.nested }),
        minSize: MIN_WIDTH,
        maxSize: MAX_WIDTH,
        header: () => columnLabel(ref),
      })),
    ],
    [columns, props.nested], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const [sizing, setSizing] = useState<ColumnSizingState>(props.widths);
  useEffect(() => setSizing(props.widths), [props.widths]);
  const table = useTable({
    features,
    columns: columnDefs,
    data: rows,
    getRowId: (row) => `${row.depth}:${row.runId}`,
    columnResizeMode: "onChange",
    state: {
      columnOrder: [SELECT_COLUMN, ...columns.map((c) => c.id)],
      columnPinning: { start: [SELECT_COLUMN, ...props.pinned.filter((id) => columns.some((c) => c.id === id))], end: [] },
      columnSizing: sizing,
    },
    onColumnSizingChange: (updater: Updater<ColumnSizingState>) => setSizing((old) => (typeof updater === "function" ? updater(old) : updater)),
  });
  const isResizing = Boolean(table.state.columnResizing.isResizingColumn);
  // Widths reach the URL once a drag ends, not on every mouse move.
  useEffect(() => {
    if (!isResizing && sizing !== props.widths) actions.setWidths(sizing);
  }, [isResizing]); // eslint-disable-line react-hooks/exhaustive-deps

  const scrollRef = useRef<HTMLDivElement>(null);
  const count = rows.length + (props.hasNextPage ? 1 : 0);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    // The server renders the first screenful of rows (before anything can be measured).
    initialRect: { width: 1280, height: 900 },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = props;
  useEffect(() => {
    // Ask for the next page while a screenful of loaded rows is still ahead.
    if (hasNextPage && !isFetchingNextPage && lastIndex >= rows.length - 60) fetchNextPage();
  }, [lastIndex, rows.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  // Marks the server-rendered grid as interactive once React has hydrated it (tests and bench/ui wait for it).
  const [isHydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const [menuFor, setMenuFor] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const headers = table.getHeaderGroups()[0].headers;
  const totalWidth = table.getTotalSize();
  const refs = new Map(columns.map((c) => [c.id, c]));
  const topLevel = rows.filter((r) => r.depth === 0);
  const allSelected = topLevel.length > 0 && topLevel.every((r) => props.selected.has(r.runId));

  const stickyStyle = (column: (typeof headers)[number]["column"]) =>
    column.getIsPinned() ? { position: "sticky" as const, left: column.getStart("start"), zIndex: 2 } : undefined;

  return (
    <div ref={scrollRef} className={styles.scroller} role="table" aria-label="Runs" aria-rowcount={count + 1} data-testid="runs-grid" data-ready={isHydrated} aria-busy={props.isStale}>
      <div role="rowgroup" className={styles.headerGroup} style={{ width: totalWidth }}>
        <div role="row" className={styles.headerRow}>
          {headers.map((header) => {
            const { column } = header;
            if (column.id === SELECT_COLUMN) {
              return (
                <div key={header.id} role="columnheader" className={`${styles.headerCell} ${styles.pinned}`} style={{ width: header.getSize(), ...stickyStyle(column) }}>
                  <input type="checkbox" aria-label="Select all loaded runs" checked={allSelected} onChange={(e) => actions.setAllSelected(e.target.checked)} />
                </div>
              );
            }
            const ref = refs.get(column.id)!;
            const sorted = props.sort?.column === column.id ? (props.sort.desc ? "descending" : "ascending") : "none";
            return (
              <div
                key={header.id}
                role="columnheader"
                aria-sort={sorted}
                data-column={column.id}
                className={`${styles.headerCell} ${column.getIsPinned() ? styles.pinned : ""} ${dragging === column.id ? styles.dragging : ""}`}
                style={{ width: header.getSize(), ...stickyStyle(column) }}
                draggable
                onDragStart={(e) => {
                  e.dataTransfer.setData("text/x-column", column.id);
                  setDragging(column.id);
                }}
                onDragEnd={() => setDragging(null)}
                onDragOver={(e) => e.preventDefault()}
                onDrop={(e) => {
                  e.preventDefault();
                  const from = e.dataTransfer.getData("text/x-column");
                  if (from && from !== column.id) actions.moveColumn(from, column.id);
                }}
              >
                <HeaderControls
                  column={ref}
                  sorted={sorted}
                  isMenuOpen={menuFor === column.id}
                  onMenu={(open) => setMenuFor(open ? column.id : null)}
                  isPinned={Boolean(column.getIsPinned())}
                  isFirst={columns[0]?.id === column.id}
                  isLast={columns.at(-1)?.id === column.id}
                  size={header.getSize()}
                  autoSize={column.columnDef.size ?? MIN_WIDTH}
                  isResizing={column.getIsResizing()}
                  onResizeStart={header.getResizeHandler()}
                  onResizeTo={(width) => actions.setWidths({ ...sizing, [column.id]: width })}
                  actions={actions}
                />
              </div>
            );
          })}
        </div>
      </div>
      <div role="rowgroup" className={styles.body} style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
        {items.map((item) => {
          const row = table.getRowModel().rows[item.index];
          if (!row) {
            return (
              <div key="loader" role="row" data-index={item.index} className={styles.loaderRow} style={{ transform: `translateY(${item.start}px)`, width: totalWidth }}>
                <div role="cell">Loading more runs…</div>
              </div>
            );
          }
          const run = row.original;
          const isSelected = props.selected.has(run.runId);
          return (
            <div
              key={row.id}
              role="row"
              aria-selected={isSelected}
              data-index={item.index}
              data-run-id={run.runId}
              data-depth={run.depth}
              className={`${styles.row} ${isSelected ? styles.selected : ""} ${run.lifecycleStage === "deleted" ? styles.deleted : ""}`}
              style={{ transform: `translateY(${item.start}px)`, width: totalWidth }}
            >
              {row.getVisibleCells().map((cell) => {
                const { column } = cell;
                const style = { width: column.getSize(), ...stickyStyle(column) };
                if (column.id === SELECT_COLUMN) {
                  return (
                    <div key={cell.id} role="cell" className={`${styles.cell} ${styles.pinned}`} style={style}>
                      <input type="checkbox" aria-label={`Select ${run.name || run.runId}`} checked={isSelected} onChange={() => actions.toggleSelected(run.runId)} />
                    </div>
                  );
                }
                const ref = refs.get(column.id)!;
                const showsTree = props.nested && ref.id === "a.name";
                return (
                  <div key={cell.id} role="cell" className={`${styles.cell} ${column.getIsPinned() ? styles.pinned : ""}`} style={style}>
                    {showsTree && <TreeToggle run={run} isExpanded={props.expanded.has(run.runId)} onToggle={() => actions.toggleExpanded(run.runId)} />}
                    {renderCell(ref, run, props.experimentId, now)}
                  </div>
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}

function TreeToggle({ run, isExpanded, onToggle }: { run: RunRow; isExpanded: boolean; onToggle(): void }) {
  if (run.depth > 0) return <span className={styles.childIndent} aria-hidden />;
  if (run.childCount === 0) return <span className={styles.treeSpacer} aria-hidden />;
  return (
    <button
      type="button"
      className={styles.treeToggle}
      aria-expanded={isExpanded}
      aria-label={`${isExpanded ? "Collapse" : "Expand"} ${run.childCount} child run${run.childCount === 1 ? "" : "s"} of ${run.name}`}
      onClick={onToggle}
    >
      {isExpanded ? "▾" : "▸"} <span className={styles.childCount}>{run.childCount}</span>
    </button>
  );
}

/** The clock RUNNING rows' durations count from; ticks only while some loaded run is running. */
function useNow(rows: RunRow[]): number {
  const [now, setNow] = useState(() => Date.now());
  const hasRunning = rows.some((r) => r.status === "RUNNING");
  useEffect(() => {
    if (!hasRunning) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [hasRunning]);
  return now;
}
