import Link from "next/link";
import type { ReactNode } from "react";
import { formatDuration, formatTime } from "@/app/_components/ui/format";
import { formatNumber } from "./format-number";
import { SYSTEM_TAGS, type ColumnRef } from "./columns";
import type { RunRow } from "./runs-table-rows";
import styles from "./runs-table.module.css";

const runHref = (experimentId: string, runId: string) => `/experiments/${experimentId}/runs/${runId}`;

/** The content of one cell; the grid wraps it. */
export function renderCell(ref: ColumnRef, row: RunRow, experimentId: string, now: number): ReactNode {
  switch (ref.kind) {
    case "param":
      return <span title={row.params[ref.key]}>{row.params[ref.key] ?? ""}</span>;
    case "tag":
      return <span title={row.tags[ref.key]}>{row.tags[ref.key] ?? ""}</span>;
    case "metric": {
      const value = ref.aggregate === "last" ? row.metrics[ref.key] : row.ranges[ref.key]?.[ref.aggregate];
      return <span className={styles.number}>{formatNumber(value)}</span>;
    }
    case "attribute":
      return renderAttribute(ref.key, row, experimentId, now);
  }
}

function renderAttribute(key: string, row: RunRow, experimentId: string, now: number): ReactNode {
  switch (key) {
    case "name":
      return (
        // No prefetch: a screenful of run links would each fetch their page while the user scrolls.
        <Link href={runHref(experimentId, row.runId)} prefetch={false} className={styles.runLink} title={row.runId}>
          {row.name || row.runId}
        </Link>
      );
    case "status":
      return <span className={`${styles.status} ${styles[`status${row.status}`] ?? ""}`}>{row.status}</span>;
    case "start":
      // Local time: the server renders it in its own zone, the browser then in the user's.
      return (
        <span title={new Date(row.startTime).toISOString()} suppressHydrationWarning>
          {formatTime(row.startTime)}
        </span>
      );
    case "duration":
      if (row.endTime !== undefined) {
        const ms = row.endTime - row.startTime;
        return ms < 0 ? <span title="The run’s end time is before its start time">—</span> : formatDuration(ms);
      }
      return row.status === "RUNNING" ? (
        <span className={styles.muted} suppressHydrationWarning>
          {formatDuration(now - row.startTime)}…
        </span>
      ) : (
        ""
      );
    case "user":
      // As MLflow's UI: runs created without a user_id (collector, curl) name theirs in the mlflow.user tag.
      return row.userId || row.tags[SYSTEM_TAGS.user] || "";
    case "source": {
      const source = row.tags[SYSTEM_TAGS.source] ?? "";
      return <span title={source}>{source.split(/[\\/]/).pop()}</span>;
    }
    case "commit": {
      const commit = row.tags[SYSTEM_TAGS.commit] ?? "";
      return <code title={commit}>{commit.slice(0, 7)}</code>;
    }
    case "parent":
      return row.parentId ? (
        <Link href={runHref(experimentId, row.parentId)} prefetch={false} title={row.parentId}>
          {row.parentId.slice(0, 8)}
        </Link>
      ) : (
        ""
      );
  }
  return "";
}
