import type { SeriesPayload } from "./chart-points";

/** charts.series takes at most this many series per call (MAX_SERIES_PER_CHART_REQUEST on the server). */
export const SERIES_PER_REQUEST = 200;

export interface ZoomRequest {
  series: { runId: string; key: string }[];
  x: "step" | "time" | "relative";
  buckets: number;
  window: { min: number; max: number };
}

/** From this many series a zoom's window is fetched by two calls, each its own statement and connection. */
export const SERIES_TO_SPLIT = 40;
/** A statement runs on one core: 100 zoomed series took ~345 ms as one, ~290 ms as two side by side (2 cores). */
export const CALLS_IN_PARALLEL = 2;

/**
 * The charts.series calls that fetch a zoom window for every (run, key) of the mounted charts, sent in
 * one HTTP request: one call for a few series, two equal ones for many, more only past 200 per call.
 */
export function zoomRequestsOf(runIds: readonly string[], keys: readonly string[], x: ZoomRequest["x"], buckets: number, window: ZoomRequest["window"]): ZoomRequest[] {
  const series = keys.flatMap((key) => runIds.map((runId) => ({ runId, key })));
  const calls = Math.max(Math.ceil(series.length / SERIES_PER_REQUEST), series.length >= SERIES_TO_SPLIT ? CALLS_IN_PARALLEL : 1);
  const size = Math.ceil(series.length / calls);
  const requests: ZoomRequest[] = [];
  for (let i = 0; i < series.length; i += size) requests.push({ series: series.slice(i, i + size), x, buckets, window });
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
