/**
 * Exponential moving average with TensorBoard's debiasing (the first points are not pulled towards
 * zero). `weight` is in [0, 1): 0 returns the values unchanged. Non-finite values are passed through
 * and do not enter the average, so one NaN does not blank the rest of the curve.
 */
export function smoothEma(values: readonly number[], weight: number): number[] {
  if (weight <= 0) return [...values];
  const w = Math.min(weight, 0.999);
  let average = 0;
  let seen = 0;
  return values.map((value) => {
    if (!Number.isFinite(value)) return value;
    average = average * w + (1 - w) * value;
    seen++;
    return average / (1 - w ** seen);
  });
}

/**
 * The EMA of each point's y, started again wherever the points enter or leave the zoom window: inside it
 * the chart holds finer points than outside, and an average carried over the coarse ones lags far behind.
 */
export function smoothEmaByWindow(points: readonly { x: number; y: number }[], weight: number, window?: { min?: number; max?: number }): number[] {
  const low = window?.min ?? Number.NEGATIVE_INFINITY;
  const high = window?.max ?? Number.POSITIVE_INFINITY;
  const out: number[] = [];
  for (let from = 0; from < points.length; ) {
    const isInside = (i: number) => points[i].x >= low && points[i].x <= high;
    let to = from + 1;
    while (to < points.length && isInside(to) === isInside(from)) to++;
    for (const v of smoothEma(points.slice(from, to).map((p) => p.y), weight)) out.push(v);
    from = to;
  }
  return out;
}
