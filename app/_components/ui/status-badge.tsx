import styles from "./status-badge.module.css";

const TONE: Record<string, string | undefined> = {
  RUNNING: styles.running,
  SCHEDULED: styles.running,
  FINISHED: styles.finished,
  FAILED: styles.failed,
  KILLED: styles.failed,
  deleted: styles.failed,
};

/** A run status (or lifecycle stage) as a small coloured label; the text carries the meaning. */
export function StatusBadge({ status }: { status: string }) {
  return <span className={`${styles.badge} ${TONE[status] ?? ""}`}>{status}</span>;
}
