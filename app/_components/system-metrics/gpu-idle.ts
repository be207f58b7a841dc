// "This GPU sat idle": found on the chart's buckets (not raw points), so it costs nothing extra and
// works for a week-long run. A bucket counts as idle only when its HIGHEST value is under the
// threshold, so a short burst of work inside a bucket is never hidden by an average.

export interface IdleBucket {
  xFirst: number;
  xLast: number;
  /** The bucket's highest utilization in percent (NaN: unknown, never idle). */
  max: number;
}

export interface IdleSpan {
  start: number;
  end: number;
}

export interface IdleRule {
  /** Under this utilization (percent) a bucket is idle. */
  thresholdPercent: number;
  /** Only idle spans strictly longer than this are reported. */
  minDurationMs: number;
  /** A hole in the data longer than this ends a span: no samples is no evidence of idling. */
  maxGapMs: number;
}

export const GPU_IDLE_RULE: IdleRule = { thresholdPercent: 10, minDurationMs: 5 * 60_000, maxGapMs: 5 * 60_000 };

/** The idle spans of one GPU's utilization buckets (ordered by x), longest-first order not implied. */
export function findIdleSpans(buckets: readonly IdleBucket[], rule: IdleRule = GPU_IDLE_RULE): IdleSpan[] {
  const spans: IdleSpan[] = [];
  let open: IdleSpan | undefined;
  const close = () => {
    if (open && open.end - open.start > rule.minDurationMs) spans.push(open);
    open = undefined;
  };
  for (const bucket of buckets) {
    const isIdle = bucket.max < rule.thresholdPercent; // false for NaN
    if (!isIdle) {
      close();
      continue;
    }
    if (open && bucket.xFirst - open.end > rule.maxGapMs) close();
    if (open) open.end = bucket.xLast;
    else open = { start: bucket.xFirst, end: bucket.xLast };
  }
  close();
  return spans;
}

/** How long the spans last together, in ms. */
export const idleTotalMs = (spans: readonly IdleSpan[]) => spans.reduce((sum, s) => sum + (s.end - s.start), 0);
