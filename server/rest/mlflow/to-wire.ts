import { camelToSnake } from "./case";

// Field names repeat in every element of a list (a 1000-run page has ~35,000 objects with a handful
// of distinct keys), so each name is converted once per process instead of by a regex per object.
const SNAKE_NAMES = new Map<string, string>();

function snakeName(key: string): string {
  let name = SNAKE_NAMES.get(key);
  if (name === undefined) {
    name = camelToSnake(key);
    if (SNAKE_NAMES.size < 10_000) SNAKE_NAMES.set(key, name); // bounded: keys are field names, not data
  }
  return name;
}

/**
 * Domain result → MLflow's protobuf JSON: snake_case names, unset fields and empty lists left
 * out (as protobuf does), int64 as JSON numbers, and NaN / ±Infinity as the strings protobuf's
 * JSON mapping uses.
 */
export function toWire(value: unknown): unknown {
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  }
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    const out = new Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = toWire(value[i]);
    return out;
  }
  const out: Record<string, unknown> = {};
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const v = record[key];
    if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) continue;
    out[snakeName(key)] = toWire(v);
  }
  return out;
}
