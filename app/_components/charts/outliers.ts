/** The value at quantile q (0..1) of already sorted values, interpolated linearly between ranks. */
function quantileOfSorted(sorted: readonly number[], q: number): number {
  const rank = (sorted.length - 1) * q;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
}

/**
 * The y range that "ignore outliers" shows: the 5th to the 95th percentile of every finite value
 * on the chart (as MLflow's and Aim's option does). Undefined when there is nothing to measure.
 */
export function percentileRange(values: Iterable<number>, low = 0.05, high = 0.95): { min: number; max: number } | undefined {
  const finite: number[] = [];
  for (const v of values) if (Number.isFinite(v)) finite.push(v);
  if (finite.length === 0) return undefined;
  finite.sort((a, b) => a - b);
  return { min: quantileOfSorted(finite, low), max: quantileOfSorted(finite, high) };
}
