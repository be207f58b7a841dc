import { camelToSnake } from "./case";

/**
 * Domain result → MLflow's protobuf JSON: snake_case names, unset fields and empty lists left
 * out (as protobuf does), int64 as JSON numbers, and NaN / ±Infinity as the strings protobuf's
 * JSON mapping uses.
 */
export function toWire(value: unknown): unknown {
  if (typeof value === "number") {
    if (Number.isNaN(value)) return "NaN";
    if (value === Number.POSITIVE_INFINITY) return "Infinity";
    if (value === Number.NEGATIVE_INFINITY) return "-Infinity";
    return value;
  }
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) continue;
      out[camelToSnake(key)] = toWire(v);
    }
    return out;
  }
  return value;
}
