import { formatDuration, formatMetricValue, formatTime } from "../ui/format";

export type XKind = "step" | "time" | "relative" | "metric";

/** An x value as the axis and tooltip show it: a step, a wall-clock time, time since start, a value. */
export function formatX(kind: XKind, x: number): string {
  if (kind === "time") return formatTime(x);
  if (kind === "relative") return formatDuration(x);
  if (kind === "step") return String(Math.round(x));
  return formatMetricValue(x);
}

/** Short y labels: 0.000123 → 1.23e-4, 1234567 → 1.23M. */
export function formatAxisValue(value: number): string {
  const size = Math.abs(value);
  if (value === 0 || !Number.isFinite(value)) return String(value);
  if (size >= 1e9) return `${Number((value / 1e9).toPrecision(3))}G`;
  if (size >= 1e6) return `${Number((value / 1e6).toPrecision(3))}M`;
  if (size >= 1e4) return `${Number((value / 1e3).toPrecision(3))}k`;
  if (size < 1e-3) return value.toExponential(2).replace(/\.?0+e/, "e");
  return String(Number(value.toPrecision(4)));
}
