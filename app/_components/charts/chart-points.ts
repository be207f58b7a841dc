// What charts.series answers, turned into points a chart draws, and the ways points are combined:
// a zoomed window over the overview, a live tail after the history, one metric against another.

export type JsonNumber = number | "NaN" | "Infinity" | "-Infinity";

/** A series' buckets as charts.series sends them: one array per field, entry i for bucket i in x order. */
export interface BucketColumns {
  xFirst: number[];
  xLast: number[];
  stepFirst: number[];
  stepLast: number[];
  min: JsonNumber[];
  max: JsonNumber[];
  last: JsonNumber[];
  count: number[];
}

export interface SeriesPayload {
  runId: string;
  key: string;
  total: number;
  exact: boolean;
  buckets: BucketColumns;
}

const BUCKET_FIELDS = ["xFirst", "xLast", "stepFirst", "stepLast", "min", "max", "last", "count"] as const;

/** Buckets from..to (exclusive) of `columns`, or those of `a` followed by those of `b`. */
export function sliceBuckets(columns: BucketColumns, from: number, to = columns.xLast.length): BucketColumns {
  return Object.fromEntries(BUCKET_FIELDS.map((f) => [f, columns[f].slice(from, to)])) as unknown as BucketColumns;
}
export function concatBuckets(a: BucketColumns, b: BucketColumns): BucketColumns {
  return Object.fromEntries(BUCKET_FIELDS.map((f) => [f, [...a[f], ...b[f]]])) as unknown as BucketColumns;
}

/** One drawn point: the bucket's last value at its last x, with the bucket's extremes for the band. */
export interface ChartPoint {
  x: number;
  y: number;
  min: number;
  max: number;
  step: number;
  count: number;
}

export function toNumber(value: JsonNumber): number {
  if (typeof value === "number") return value;
  if (value === "NaN") return Number.NaN;
  return value === "Infinity" ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
}

export function bucketsToPoints(buckets: BucketColumns): ChartPoint[] {
  const { xLast, last, min, max, stepLast, count } = buckets;
  const points = new Array<ChartPoint>(xLast.length);
  for (let i = 0; i < xLast.length; i++) {
    points[i] = { x: xLast[i], y: toNumber(last[i]), min: toNumber(min[i]), max: toNumber(max[i]), step: stepLast[i], count: count[i] };
  }
  return points;
}

/**
 * The overview outside the zoom window and the window's finer points inside it, so that zooming
 * out again shows the coarse curve at once while the wider window is fetched.
 */
export function mergeWindow(overview: readonly ChartPoint[], inside: readonly ChartPoint[], window: { min?: number; max?: number }): ChartPoint[] {
  const low = window.min ?? Number.NEGATIVE_INFINITY;
  const high = window.max ?? Number.POSITIVE_INFINITY;
  const before = overview.filter((p) => p.x < low);
  const after = overview.filter((p) => p.x > high);
  return [...before, ...inside, ...after];
}

/**
 * Against another metric the zoom window is in that metric's values; the finer data is fetched by
 * step, over the steps where the x metric took values in the window: those of every x bucket whose
 * min…max meets it (more steps than needed when the x metric is not monotonic). Undefined: none.
 */
export function stepWindowOf(xSeries: readonly SeriesPayload[], window: { min: number; max: number }): { min: number; max: number } | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const series of xSeries) {
    const b = series.buckets;
    for (let i = 0; i < b.xLast.length; i++) {
      // A bucket of NaN only has NaN extremes: it meets no window.
      if (!(toNumber(b.min[i]) <= window.max && toNumber(b.max[i]) >= window.min)) continue;
      min = Math.min(min, b.stepFirst[i]);
      max = Math.max(max, b.stepLast[i]);
    }
  }
  return min <= max ? { min, max } : undefined;
}

/**
 * Against another metric: the overview's points outside the x window and the finer ones inside it,
 * in step order as pairByStep made them (the line follows training, not x).
 */
export function mergeWindowByStep(overview: readonly ChartPoint[], inside: readonly ChartPoint[], window: { min: number; max: number }): ChartPoint[] {
  const isInside = (p: ChartPoint) => p.x >= window.min && p.x <= window.max;
  return [...overview.filter((p) => !isInside(p)), ...inside.filter(isInside)].sort((a, b) => a.step - b.step);
}

/**
 * A metric plotted against another metric: each y point takes as x the value the other metric had
 * at the same step (the nearest step when either side is bucketed). Points whose x is not finite
 * are dropped; the order stays by step, so the line follows training.
 */
export function pairByStep(yPoints: readonly ChartPoint[], xPoints: readonly ChartPoint[]): ChartPoint[] {
  const xs = xPoints.filter((p) => Number.isFinite(p.y)).sort((a, b) => a.step - b.step);
  if (xs.length === 0) return [];
  const paired: ChartPoint[] = [];
  for (const point of yPoints) {
    const match = xs[nearestIndexByStep(xs, point.step)];
    paired.push({ ...point, x: match.y });
  }
  return paired;
}

function nearestIndexByStep(sorted: readonly ChartPoint[], step: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].step < step) low = mid + 1;
    else high = mid;
  }
  if (low > 0 && Math.abs(sorted[low - 1].step - step) <= Math.abs(sorted[low].step - step)) return low - 1;
  return low;
}

/** How many points lie in [min, max]: the zoom test's measure of resolution. */
export function countPointsIn(points: readonly ChartPoint[], window: { min?: number; max?: number }): number {
  const low = window.min ?? Number.NEGATIVE_INFINITY;
  const high = window.max ?? Number.POSITIVE_INFINITY;
  let n = 0;
  for (const p of points) if (p.x >= low && p.x <= high) n++;
  return n;
}

/** The live tail of some series appended to the held payloads (buckets after each series' last x). */
export function appendTail(held: readonly SeriesPayload[], tail: readonly SeriesPayload[]): SeriesPayload[] {
  const fresh = new Map(tail.map((s) => [`${s.runId}\u0000${s.key}`, s]));
  return held.map((series) => {
    const more = fresh.get(`${series.runId}\u0000${series.key}`);
    if (!more) return series;
    const lastX = series.buckets.xLast.at(-1) ?? Number.NEGATIVE_INFINITY;
    const from = more.buckets.xLast.findIndex((x) => x > lastX);
    if (from < 0) return series;
    const newer = sliceBuckets(more.buckets, from);
    const added = newer.count.reduce((n, c) => n + c, 0);
    return { ...series, total: series.total + added, exact: series.exact && more.exact, buckets: concatBuckets(series.buckets, newer) };
  });
}

/** Where a series' live fetch starts: just above its last x; undefined = it has no point yet. */
export function liveMinOf(series: SeriesPayload | undefined): number | undefined {
  const lastX = series?.buckets.xLast.at(-1);
  return lastX === undefined ? undefined : lastX + 1;
}
