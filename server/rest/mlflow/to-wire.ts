import { wireDouble } from "../http/json-double";
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
 * Domain result → MLflow's protobuf JSON: snake_case, unset fields and empty lists left out, NaN/±Infinity
 * as strings, and a numeric `value` (MLflow's only double fields) written as MLflow does (`3.0`). Unchanged
 * parts are returned uncopied: results serve one response only.
 */
export function toWire(value: unknown): unknown {
  if (typeof value === "number") {
    if (Number.isFinite(value)) return value;
    return Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  }
  if (value === null || typeof value !== "object") return value;
  return Array.isArray(value) ? listToWire(value) : objectToWire(value as Record<string, unknown>);
}

function listToWire(list: unknown[]): unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    const wire = toWire(item);
    if (wire !== item && out === undefined) out = list.slice(0, i);
    if (out !== undefined) out.push(wire);
  }
  return out ?? list;
}

// for…in rather than Object.keys: no array per object (a 1000-run page converts ~35,000 of them;
// results are plain objects, so for…in sees exactly their own fields).
function objectToWire(record: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined;
  let index = 0;
  for (const key in record) {
    const v = record[key];
    const omit = v === undefined || v === null || (Array.isArray(v) && v.length === 0);
    const name = snakeName(key);
    const wire = omit || typeof v === "string" ? v : key === "value" && typeof v === "number" ? wireDouble(v) : toWire(v);
    if (out === undefined && (omit || name !== key || wire !== v)) {
      // First difference: copy the fields before it, then continue into the copy.
      out = copyFirstFields(record, index);
    }
    if (out !== undefined && !omit) out[name] = wire;
    index++;
  }
  return out ?? record;
}

function copyFirstFields(record: Record<string, unknown>, count: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let copied = 0;
  for (const key in record) {
    if (copied++ === count) break;
    out[key] = record[key];
  }
  return out;
}
