"use client";
import Link from "next/link";
import { memo } from "react";
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

/**
 * The checkpoint × (dataset, metric) matrix. Memoised on its inputs: typing in the page's other
 * controls does not redraw 10,000 cells.
 */
export const MatrixTable = memo(function MatrixTable(props: {
  matrix: CheckpointMatrix;
  runNames: Map<string, string>;
  colors: Map<string, string>;
  onBaseline(modelId: string | null): void;
  onDirection(key: string, direction: Direction | "none"): void;
}) {
  const { matrix } = props;
  const datasets: { dataset: string; span: number }[] = [];
  for (const column of matrix.columns) {
    const last = datasets[datasets.length - 1];
    if (last && last.dataset === column.dataset) last.span++;
    else datasets.push({ dataset: column.dataset, span: 1 });
  }
  return (
    <div className={styles.matrixScroll}>
      <table className={styles.matrix} aria-label="Checkpoint matrix" data-testid="checkpoint-matrix">
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
          {matrix.rows.map(({ checkpoint, cells }) => {
            const isBaseline = checkpoint.modelId === matrix.baselineModelId;
            return (
              <tr key={checkpoint.modelId} className={isBaseline ? styles.baselineRow : undefined} aria-label={`${checkpoint.name} (${checkpoint.modelId})`}>
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
