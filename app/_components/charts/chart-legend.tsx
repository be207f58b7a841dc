"use client";
import styles from "./charts.module.css";

export interface LegendEntry {
  runId: string;
  label: string;
  color: string;
}

/**
 * A chart's runs as HTML under its canvas, each a toggle: echarts' scrolling legend is laid out again
 * on every redraw, this one only when the runs change (a hidden run also leaves the chart's y range).
 */
export function ChartLegend({ entries, hidden, onToggle }: { entries: readonly LegendEntry[]; hidden: ReadonlySet<string>; onToggle(runId: string): void }) {
  return (
    <ul className={styles.legend} aria-label="Runs (click to show or hide)">
      {entries.map((entry) => (
        <li key={entry.runId}>
          <button type="button" className={styles.legendItem} aria-pressed={!hidden.has(entry.runId)} title={entry.label} onClick={() => onToggle(entry.runId)}>
            <span className={styles.legendSwatch} style={{ background: hidden.has(entry.runId) ? "var(--muted)" : entry.color }} />
            <span className={styles.legendLabel}>{entry.label}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
