/** One reading of every metric (names without the system/ prefix) and when it was taken. */
export interface Sample {
  timestamp: number;
  values: Record<string, number>;
}

/**
 * Network traffic is counted since the collector started, so a logged point carries the window's
 * last value rather than a mean (as MLflow's NetworkMonitor).
 */
const CUMULATIVE_METRICS = new Set(["network_receive_megabytes", "network_transmit_megabytes"]);

/**
 * Folds one logging window's samples into the logged point, as MLflow does: mean rounded to one decimal
 * (cumulative metrics: last value, unrounded), each metric over the samples that have it (a lagging GPU
 * reading); timestamped at the window's last sample.
 */
export function aggregateSamples(samples: Sample[]): Sample {
  if (samples.length === 0) throw new Error("a logging window needs at least one sample");
  const sums = new Map<string, { total: number; count: number; last: number }>();
  for (const { values } of samples) {
    for (const [name, value] of Object.entries(values)) {
      const sum = sums.get(name) ?? { total: 0, count: 0, last: 0 };
      sum.total += value;
      sum.count += 1;
      sum.last = value;
      sums.set(name, sum);
    }
  }
  const values: Record<string, number> = {};
  for (const [name, { total, count, last }] of sums) {
    values[name] = CUMULATIVE_METRICS.has(name) ? last : roundToOneDecimal(total / count);
  }
  return { timestamp: samples[samples.length - 1].timestamp, values };
}

function roundToOneDecimal(value: number): number {
  return Math.round(value * 10) / 10;
}
