// Display formats shared by the pages. Times are local, as a reader expects; tests pin the zone.

const pad = (n: number) => String(n).padStart(2, "0");

/** 2026-11-22 07:45:03 in the browser's time zone; "—" for a missing time. */
export function formatTime(epochMs: number | undefined | null): string {
  if (epochMs === undefined || epochMs === null) return "—";
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** 1h 02m 05s, 3m 07s, 4.2s, 180ms, 3d 04h; "—" for a negative span (an end before its start), never "-1s". */
export function formatDuration(ms: number): string {
  if (!(ms >= 0)) return "—";
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (h >= 48) return `${Math.floor(h / 24)}d ${pad(h % 24)}h`;
  return h > 0 ? `${h}h ${pad(m)}m ${pad(s % 60)}s` : `${m}m ${pad(s % 60)}s`;
}

/** A metric value: integers as they are, others to 6 significant digits; NaN and ±Infinity as words. */
export function formatMetricValue(value: number | string | null | undefined): string {
  if (value === undefined || value === null) return "—";
  if (typeof value === "string") return value;
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(6)));
}

/** 1.5 KB, 12 MB; bytes below 1 KB exactly. */
export function formatBytes(bytes: number | undefined): string {
  if (bytes === undefined) return "";
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}
