/** Whether a smaller or a greater value of a metric is better. */
export type MetricGoal = "min" | "max";

// Names that count something going wrong; anything else (accuracy, f1, auc, reward …) is better higher.
const LOWER_IS_BETTER = /(loss|err|mae|mse|rmse|perplexity|ppl|wer|cer|latency|distance|regret)/i;

/** Guesses the direction from the metric's name: loss/error-like ↓, accuracy-like ↑. */
export function guessMetricGoal(key: string): MetricGoal {
  return LOWER_IS_BETTER.test(key) ? "min" : "max";
}
