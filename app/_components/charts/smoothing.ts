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
