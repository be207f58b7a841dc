import Link from "next/link";
import type { ReactNode } from "react";
import { SYSTEM_TAGS, type ColumnRef } from "./columns";
import type { RunRow } from "./runs-page";
import styles from "./runs-table.module.css";

export function formatNumber(value: number | null | undefined): string {
  if (value === undefined) return "";
  if (value === null || Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (Number.isInteger(value)) return String(value);
  const abs = Math.abs(value);
  return abs !== 0 && (abs < 1e-3 || abs >= 1e6) ? value.toExponential(3) : String(Number(value.toPrecision(5)));
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  const h = Math.floor(m / 60);
  return h < 48 ? `${h}h ${m % 60}m` : `${Math.floor(h / 24)}d ${h % 24}h`;
}

const pad = (n: number) => String(n).padStart(2, "0");
export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

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
      if (row.endTime !== undefined) return formatDuration(row.endTime - row.startTime);
      return row.status === "RUNNING" ? (
        <span className={styles.muted} suppressHydrationWarning>
          {formatDuration(now - row.startTime)}…
        </span>
      ) : (
        ""
      );
    case "user":
      return row.userId;
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
