"use client";
import { ColumnMenu } from "./column-menu";
import { columnLabel, orderByFor, type ColumnRef } from "./columns";
import type { GridActions } from "./runs-grid";
import { MAX_WIDTH, MIN_WIDTH } from "./column-widths";
import styles from "./runs-table.module.css";

/** A column header's controls: the sort button, the options menu and the resize handle (mouse or arrow keys). */
export function HeaderControls(props: {
  column: ColumnRef;
  sorted: "ascending" | "descending" | "none";
  isMenuOpen: boolean;
  onMenu(open: boolean): void;
  isPinned: boolean;
  isFirst: boolean;
  isLast: boolean;
  size: number;
  /** The width the column starts with (its content's); a double click on the handle goes back to it. */
  autoSize: number;
  isResizing: boolean;
  onResizeStart(event: unknown): void;
  onResizeTo(width: number): void;
  actions: GridActions;
}) {
  const { column, sorted, actions } = props;
  const label = columnLabel(column);
  const sortable = orderByFor(column, false) !== undefined;
  return (
    <>
      <button
        type="button"
        className={styles.sortButton}
        disabled={!sortable}
        aria-label={`Sort by ${label}`}
        title={sortable ? `Sort by ${label}` : "This column cannot be sorted on the server"}
        onClick={() => actions.sortBy(column.id)}
      >
        <span className={styles.headerLabel} title={label}>
          {label}
        </span>
        <span aria-hidden className={styles.sortMark}>
          {sorted === "ascending" ? "▲" : sorted === "descending" ? "▼" : ""}
        </span>
      </button>
      <button
        type="button"
        className={styles.menuButton}
        aria-label={`Column options for ${label}`}
        aria-expanded={props.isMenuOpen}
        onClick={() => props.onMenu(!props.isMenuOpen)}
      >
        ⋮
      </button>
      {props.isMenuOpen && (
        <ColumnMenu column={column} isPinned={props.isPinned} isFirst={props.isFirst} isLast={props.isLast} actions={actions} onClose={() => props.onMenu(false)} />
      )}
      <div
        role="separator"
        aria-orientation="vertical"
        aria-label={`Resize ${label}`}
        aria-valuenow={props.size}
        tabIndex={0}
        className={`${styles.resizer} ${props.isResizing ? styles.resizing : ""}`}
        onMouseDown={props.onResizeStart}
        onTouchStart={props.onResizeStart}
        onDoubleClick={() => props.onResizeTo(props.autoSize)}
        onKeyDown={(e) => {
          if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
          e.preventDefault();
          props.onResizeTo(Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, props.size + (e.key === "ArrowLeft" ? -20 : 20))));
        }}
      />
    </>
  );
}
