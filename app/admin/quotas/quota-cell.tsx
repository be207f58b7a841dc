import styles from "@/app/_components/sharing/sharing.module.css";

/** "used / limit", flagged once the limit is reached (the next write of that kind is refused). */
export function QuotaCell({ used, limit, format = String }: { used: number; limit: number | undefined; format?: (n: number) => string }) {
  if (limit === undefined) return <td className={styles.number}>{format(used)} <span className="muted">/ no limit</span></td>;
  const isFull = used >= limit;
  return (
    <td className={isFull ? `${styles.number} ${styles.over}` : styles.number} title={isFull ? "At its limit: further writes are refused" : undefined}>
      {format(used)} / {format(limit)}
    </td>
  );
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ["KiB", "MiB", "GiB", "TiB"];
  let value = n / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
