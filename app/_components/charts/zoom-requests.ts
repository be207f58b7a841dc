import type { SeriesPayload } from "./chart-points";

/** charts.series takes at most this many series per call (MAX_SERIES_PER_CHART_REQUEST on the server). */
export const SERIES_PER_REQUEST = 200;

export interface ZoomRequest {
  series: { runId: string; key: string }[];
  x: "step" | "time" | "relative";
  buckets: number;
  window: { min: number; max: number };
}

/**
 * The charts.series calls that fetch a zoom window for every (run, key) of the mounted charts: one call
 * (one SQL statement) up to 200 series, more only past that, so one zoom costs one round trip.
 */
export function zoomRequestsOf(runIds: readonly string[], keys: readonly string[], x: ZoomRequest["x"], buckets: number, window: ZoomRequest["window"]): ZoomRequest[] {
  const series = keys.flatMap((key) => runIds.map((runId) => ({ runId, key })));
  const requests: ZoomRequest[] = [];
  for (let i = 0; i < series.length; i += SERIES_PER_REQUEST) requests.push({ series: series.slice(i, i + SERIES_PER_REQUEST), x, buckets, window });
  return requests;
}

/** Each chart's slice of the combined answer: its metric key's series, in the order they came. */
export function seriesByKey(series: readonly SeriesPayload[]): Map<string, SeriesPayload[]> {
  const out = new Map<string, SeriesPayload[]>();
  for (const s of series) {
    const list = out.get(s.key);
    if (list) list.push(s);
    else out.set(s.key, [s]);
  }
  return out;
}
