"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { useMemo, useRef } from "react";
import { formatMetricValue } from "@/app/_components/ui/format";
import { isDifferent, sameValue, type ComparedRun, type Field, type FieldValue } from "./compare-fields";
import styles from "./compare.module.css";

const ROW_HEIGHT = 30;
const HEADER_HEIGHT = 52;
const LABEL_WIDTH = 240;
const CELL_WIDTH = 160;

type Row = { kind: "section"; label: string; count: number } | { kind: "field"; field: Field };

const display = (v: FieldValue) => (v === undefined ? "—" : typeof v === "number" ? formatMetricValue(v) : v);

/**
 * Params, metrics and tags side by side, the baseline run first: rows and columns are both
 * virtualized (hundreds of runs × thousands of keys), the field names stay on the left and the
 * run names on top; a cell that differs from the baseline's is marked.
 */
export function DiffTable(props: { runs: ComparedRun[]; fields: Field[]; colors: Map<string, string>; isOnlyDifferences: boolean; onSetBaseline(runId: string): void }) {
  const { runs, fields, colors, isOnlyDifferences, onSetBaseline } = props;
  const rows = useMemo(() => {
    const out: Row[] = [];
    let current: Row & { kind: "section" } | undefined;
    for (const field of fields) {
      if (isOnlyDifferences && !isDifferent(field)) continue;
      if (current?.label !== field.section) {
        current = { kind: "section", label: field.section, count: 0 };
        out.push(current);
      }
      current.count++;
      out.push({ kind: "field", field });
    }
    return out;
  }, [fields, isOnlyDifferences]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const rowVirtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const columnVirtualizer = useVirtualizer({ horizontal: true, count: runs.length, getScrollElement: () => scrollRef.current, estimateSize: () => CELL_WIDTH, overscan: 3 });
  const columns = columnVirtualizer.getVirtualItems();
  const totalWidth = LABEL_WIDTH + columnVirtualizer.getTotalSize();
  const leftPad = columns[0]?.start ?? 0;

  return (
    <div ref={scrollRef} className={styles.diffScroll} role="table" aria-label="Run comparison" aria-rowcount={rows.length + 1} aria-colcount={runs.length + 1} data-testid="diff-table" data-rows={rows.filter((r) => r.kind === "field").length}>
      <div className={styles.diffHeader} role="row" style={{ width: totalWidth, height: HEADER_HEIGHT }}>
        <div className={`${styles.labelCell} ${styles.corner}`} role="columnheader" style={{ width: LABEL_WIDTH }}>
          {runs.length} runs
        </div>
        <div style={{ width: leftPad, flex: "none" }} />
        {columns.map((col) => {
          const run = runs[col.index];
          return (
            <div key={run.runId} className={`${styles.runHeader} ${col.index === 0 ? styles.baselineColumn : ""}`} role="columnheader" style={{ width: CELL_WIDTH }}>
              <span className={styles.runName}>
                <span className={styles.dot} style={{ background: colors.get(run.runId) }} />
                <Link href={`/experiments/${run.experimentId}/runs/${run.runId}`} title={run.name}>
                  {run.name}
                </Link>
              </span>
              {col.index === 0 ? (
                <span className={styles.baselineBadge}>baseline</span>
              ) : (
                <button type="button" className={styles.baselineButton} onClick={() => onSetBaseline(run.runId)} aria-label={`Use ${run.name} as baseline`}>
                  set baseline
                </button>
              )}
            </div>
          );
        })}
      </div>
      <div style={{ height: rowVirtualizer.getTotalSize(), width: totalWidth, position: "relative" }}>
        {rowVirtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (row.kind === "section") {
            return (
              <div key={`s:${row.label}`} role="row" className={styles.sectionRow} style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, width: totalWidth }}>
                <div className={`${styles.labelCell} ${styles.sectionLabel}`} role="rowheader" style={{ width: LABEL_WIDTH }}>
                  {row.label} <span className={styles.muted}>({row.count})</span>
                </div>
              </div>
            );
          }
          const { field } = row;
          const base = field.values[0];
          return (
            <div key={field.id} role="row" className={styles.diffRow} style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, width: totalWidth }} data-field={field.id}>
              <div className={styles.labelCell} role="rowheader" style={{ width: LABEL_WIDTH }} title={field.label}>
                {field.label}
              </div>
              <div style={{ width: leftPad, flex: "none" }} />
              {columns.map((col) => {
                const value = field.values[col.index];
                const isChanged = col.index > 0 && !sameValue(value, base);
                const text = display(value);
                return (
                  <div key={col.index} role="cell" className={`${styles.cell} ${isChanged ? styles.changed : ""} ${col.index === 0 ? styles.baselineColumn : ""} ${typeof value === "number" ? styles.numeric : ""}`} style={{ width: CELL_WIDTH }} title={text}>
                    {text}
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
