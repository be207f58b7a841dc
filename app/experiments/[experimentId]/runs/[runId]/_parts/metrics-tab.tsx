"use client";
import type { UseQueryResult } from "@tanstack/react-query";
import { formatMetricValue, formatTime } from "@/app/_components/ui/format";
import { KeySearchBox, useKeySearch } from "./key-search";
import styles from "./parts.module.css";
import type { MetricSummary } from "./run-types";

/** Each metric's last value (and the step it was logged at) beside the min and max of its history. */
export function MetricsTab({ summaries }: { summaries: UseQueryResult<{ summaries: MetricSummary[] }, { message: string }> }) {
  const search = useKeySearch("metrics");
  if (summaries.isPending) return <p className={styles.muted}>Loading metrics…</p>;
  if (summaries.isError) return <p role="alert" className={styles.error}>{summaries.error.message}</p>;
  const all = summaries.data.summaries;
  if (all.length === 0) return <p className={styles.muted}>No metrics logged yet. Log some with mlflow.log_metric.</p>;
  const rows = all.filter((m) => search.matches(m.key));
  return (
    <>
      <KeySearchBox label="Search metrics" text={search.text} setText={search.setText} shown={rows.length} total={all.length} />
      <table className={styles.table} aria-label="Metrics">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col" className={styles.number}>Last</th>
            <th scope="col" className={styles.number}>Step</th>
            <th scope="col" className={styles.number}>Min</th>
            <th scope="col" className={styles.number}>Max</th>
            <th scope="col" className={styles.number}>Points</th>
            <th scope="col">Logged</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => (
            <tr key={m.key}>
              <td className={styles.key}>{m.key}</td>
              <td className={styles.number}>{formatMetricValue(m.last)}</td>
              <td className={styles.number}>{m.lastStep}</td>
              <td className={styles.number}>{formatMetricValue(m.min)}</td>
              <td className={styles.number}>{formatMetricValue(m.max)}</td>
              <td className={styles.number}>{m.points}</td>
              <td>{formatTime(m.lastTimestamp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
