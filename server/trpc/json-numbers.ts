/**
 * tRPC speaks plain JSON, where NaN and ±Infinity all turn into null. Metric values can be any of
 * them, so procedures that return metric values send non-finite ones as the words MLflow's REST
 * API uses and the UI shows.
 */
export type JsonNumber = number | "NaN" | "Infinity" | "-Infinity";

export function toJsonNumber(value: number): JsonNumber {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return "NaN";
  return value > 0 ? "Infinity" : "-Infinity";
}
