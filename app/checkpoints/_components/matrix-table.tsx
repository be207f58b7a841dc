"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import Link from "next/link";
import { memo, useRef } from "react";
import { formatMetricValue } from "@/app/_components/ui/format";
import type { CheckpointMatrix, Direction, MatrixCell, MatrixColumn } from "./checkpoint-matrix";
import styles from "./checkpoints.module.css";

const ARROWS: Record<Direction, string> = { min: "↓", max: "↑" };

/** A cell's background: green towards the best, red towards the worst; blue by size without a direction. */
function heatColor(cell: MatrixCell, direction: Direction | null): string | undefined {
  if (cell.heat === null) return undefined;
  if (!direction) return `color-mix(in srgb, var(--accent) ${Math.round(cell.heat * 28)}%, transparent)`;
  const towardsBest = cell.heat - 0.5;
  const color = towardsBest >= 0 ? "var(--success)" : "var(--danger)";
  return `color-mix(in srgb, ${color} ${Math.round(Math.abs(towardsBest) * 2 * 32)}%, transparent)`;
}

function formatDelta(delta: number): string {
  return `${delta > 0 ? "+" : delta < 0 ? "−" : "±"}${formatMetricValue(Math.abs(delta))}`;
}

const ROW_HEIGHT = 40;

/**
 * The checkpoint × (dataset, metric) matrix. Rows are virtualized (only those in view and a few
 * more are in the DOM: 200 checkpoints × 50 columns would be 10,000 cells to lay out), and the
 * table is memoised on its inputs, so the page's other controls do not redraw it.
 */
export const MatrixTable = memo(function MatrixTable(props: {
  matrix: CheckpointMatrix;
  runNames: Map<string, string>;
  colors: Map<string, string>;
  onBaseline(modelId: string | null): void;
  onDirection(key: string, direction: Direction | "none"): void;
}) {
  const { matrix } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: matrix.rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 6 });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length > 0 ? items[0].start : 0;
  const padBottom = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const datasets: { dataset: string; span: number }[] = [];
  for (const column of matrix.columns) {
    const last = datasets[datasets.length - 1];
    if (last && last.dataset === column.dataset) last.span++;
    else datasets.push({ dataset: column.dataset, span: 1 });
  }
  return (
    <div className={styles.matrixScroll} ref={scrollRef}>
      <table className={styles.matrix} aria-label="Checkpoint matrix" aria-rowcount={matrix.rows.length + 2} data-testid="checkpoint-matrix" data-rows={matrix.rows.length}>
        <thead>
          <tr>
            <th rowSpan={2} className={styles.checkpointCell} scope="col">
              Checkpoint
            </th>
            {datasets.map((d, i) => (
              <th key={`${d.dataset}:${i}`} colSpan={d.span} className={styles.datasetHead} scope="colgroup">
                {d.dataset || "(no dataset)"}
              </th>
            ))}
          </tr>
          <tr>
            {matrix.columns.map((column) => (
              <ColumnHead key={column.id} column={column} onDirection={props.onDirection} />
            ))}
          </tr>
        </thead>
        <tbody>
          {padTop > 0 && <tr aria-hidden style={{ height: padTop }} />}
          {items.map((item) => {
            const { checkpoint, cells } = matrix.rows[item.index];
            const isBaseline = checkpoint.modelId === matrix.baselineModelId;
            return (
              <tr
                key={checkpoint.modelId}
                ref={virtualizer.measureElement}
                data-index={item.index}
                aria-rowindex={item.index + 3}
                className={isBaseline ? styles.baselineRow : undefined}
                aria-label={`${checkpoint.name} (${checkpoint.modelId})`}
              >
                <th scope="row" className={styles.checkpointCell}>
                  <span className={styles.checkpointName}>
                    <span className={styles.dot} style={{ background: props.colors.get(checkpoint.runId) }} aria-hidden />
                    <Link href={`/logged-models/${encodeURIComponent(checkpoint.modelId)}`}>{checkpoint.name}</Link>
                  </span>
                  <span className={styles.checkpointMeta}>
                    step {checkpoint.step ?? "—"} · {props.runNames.get(checkpoint.runId) ?? checkpoint.runId}{" "}
                    {isBaseline ? (
                      <>
                        <span className={styles.baselineBadge}>baseline</span>{" "}
                        <button type="button" className={styles.linkButton} onClick={() => props.onBaseline(null)}>
                          clear
                        </button>
                      </>
                    ) : (
                      <button type="button" className={styles.linkButton} onClick={() => props.onBaseline(checkpoint.modelId)}>
                        set as baseline
                      </button>
                    )}
                  </span>
                </th>
                {cells.map((cell, i) => {
                  const column = matrix.columns[i];
                  const isBest = column.bestModelId === checkpoint.modelId;
                  return (
                    <td key={column.id} className={`${styles.value} ${isBest ? styles.best : ""}`} style={{ background: heatColor(cell, column.direction) }}>
                      {isBest && <span className={styles.bestBadge}>best</span>}
                      {formatMetricValue(cell.value)}
                      {cell.delta !== null && !isBaseline && (
                        <span className={`${styles.delta} ${cell.isBetter === true ? styles.better : cell.isBetter === false ? styles.worse : ""}`}>{formatDelta(cell.delta)}</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
          {padBottom > 0 && <tr aria-hidden style={{ height: padBottom }} />}
        </tbody>
      </table>
    </div>
  );
});

const NEXT_DIRECTION: Record<string, Direction | "none"> = { min: "max", max: "none", none: "min" };

function ColumnHead({ column, onDirection }: { column: MatrixColumn; onDirection(key: string, direction: Direction | "none"): void }) {
  const label = column.direction ? `${column.direction === "min" ? "lower" : "higher"} is better` : "no direction";
  return (
    <th scope="col" className={styles.value}>
      {column.key}
      <button
        type="button"
        className={styles.directionButton}
        title={`${label}; click to change (for every dataset)`}
        aria-label={`${column.key} on ${column.dataset || "no dataset"}: ${label}`}
        onClick={() => onDirection(column.key, NEXT_DIRECTION[column.direction ?? "none"])}
      >
        {column.direction ? ARROWS[column.direction] : "–"}
      </button>
    </th>
  );
}
