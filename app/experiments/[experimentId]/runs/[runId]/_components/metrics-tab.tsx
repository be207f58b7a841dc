"use client";
import type { UseQueryResult } from "@tanstack/react-query";
import { ColumnHeads } from "@/app/_components/ui/column-heads";
import { formatMetricValue, formatTime } from "@/app/_components/ui/format";
import { KeySearchBox, useKeySearch } from "./key-search";
import styles from "./parts.module.css";
import ui from "@/app/_components/ui/common.module.css";
import type { MetricSummary } from "./run-types";

/** Each metric's last value (and the step it was logged at) beside the min and max of its history. */
export function MetricsTab({ summaries }: { summaries: UseQueryResult<{ summaries: MetricSummary[] }, { message: string }> }) {
  const search = useKeySearch("metrics");
  if (summaries.isPending) return <p className={ui.muted}>Loading metrics…</p>;
  if (summaries.isError) return <p role="alert" className={ui.error}>{summaries.error.message}</p>;
  const all = summaries.data.summaries;
  if (all.length === 0) return <p className={ui.muted}>No metrics logged yet. Log some with mlflow.log_metric.</p>;
  const rows = all.filter((m) => search.matches(m.key));
  return (
    <>
      <KeySearchBox label="Search metrics" text={search.text} setText={search.setText} shown={rows.length} total={all.length} />
      <table className={ui.table} aria-label="Metrics">
        <ColumnHeads columns={["Metric", { label: "Last", numeric: true }, { label: "Step", numeric: true }, { label: "Min", numeric: true }, { label: "Max", numeric: true }, { label: "Points", numeric: true }, "Logged"]} />
        <tbody>
          {rows.map((m) => (
            <tr key={m.key}>
              <td className={ui.key}>{m.key}</td>
              <td className={ui.number}>{formatMetricValue(m.last)}</td>
              <td className={ui.number}>{m.lastStep}</td>
              <td className={ui.number}>{formatMetricValue(m.min)}</td>
              <td className={ui.number}>{formatMetricValue(m.max)}</td>
              <td className={ui.number}>{m.points}</td>
              <td>{formatTime(m.lastTimestamp)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
