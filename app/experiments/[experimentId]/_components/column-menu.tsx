"use client";
import { useEffect, useRef } from "react";
import { columnId, type ColumnRef, type MetricAggregate } from "./columns";
import type { GridActions } from "./runs-grid";
import styles from "./runs-table.module.css";

const AGGREGATES: { value: MetricAggregate; label: string }[] = [
  { value: "last", label: "Latest value" },
  { value: "min", label: "Minimum (loaded rows)" },
  { value: "max", label: "Maximum (loaded rows)" },
];

/** A header's options: pin, move, metric aggregate, hide. Escape or a click outside closes it. */
export function ColumnMenu(props: { column: ColumnRef; isPinned: boolean; isFirst: boolean; isLast: boolean; actions: GridActions; onClose(): void }) {
  const { column, actions, onClose } = props;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.querySelector("button")?.focus();
    const onDown = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) onClose();
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [onClose]);
  const run = (action: () => void) => () => {
    action();
    onClose();
  };
  return (
    <div
      ref={ref}
      role="menu"
      className={styles.menu}
      onKeyDown={(e) => {
        if (e.key === "Escape") onClose();
        if (e.key === "ArrowDown" || e.key === "ArrowUp") {
          e.preventDefault();
          const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>("button:not(:disabled)") ?? [])];
          const at = items.indexOf(document.activeElement as HTMLButtonElement);
          items[(at + (e.key === "ArrowDown" ? 1 : items.length - 1)) % items.length]?.focus();
        }
      }}
    >
      <button type="button" role="menuitem" onClick={run(() => actions.setPinned(column.id, !props.isPinned))}>
        {props.isPinned ? "Unpin column" : "Pin column"}
      </button>
      <button type="button" role="menuitem" disabled={props.isFirst} onClick={run(() => actions.shiftColumn(column.id, -1))}>
        Move left
      </button>
      <button type="button" role="menuitem" disabled={props.isLast} onClick={run(() => actions.shiftColumn(column.id, 1))}>
        Move right
      </button>
      {column.kind === "metric" &&
        AGGREGATES.map((a) => (
          <button
            key={a.value}
            type="button"
            role="menuitemradio"
            aria-checked={column.aggregate === a.value}
            onClick={run(() => actions.replaceColumn(column.id, columnId("metric", column.key, a.value)))}
          >
            {column.aggregate === a.value ? "● " : "○ "}
            {a.label}
          </button>
        ))}
      <button type="button" role="menuitem" onClick={run(() => actions.hideColumn(column.id))}>
        Hide column
      </button>
    </div>
  );
}
