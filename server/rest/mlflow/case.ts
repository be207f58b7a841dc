/**
 * snake_case ⇄ camelCase for MLflow's proto field names (which never contain digits after "_").
 * Names without "_" skip the regex: they are most keys of a log-batch's 1000 metric objects.
 */
export const snakeToCamel = (name: string) =>
  name.includes("_") ? name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : name;
export const camelToSnake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Renames the keys of nested objects (arrays and values are walked, not renamed). */
export function renameKeysDeep(value: unknown, rename: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => renameKeysDeep(v, rename));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    // Object.keys rather than Object.entries: no [key, value] array allocated per field.
    for (const key of Object.keys(value)) out[rename(key)] = renameKeysDeep((value as Record<string, unknown>)[key], rename);
    return out;
  }
  return value;
}

/** A zod issue path in wire terms, e.g. ["metrics", 3, "value"] → "metrics[3].value". */
export function wireFieldName(path: PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${camelToSnake(String(part))}`))
    .join("");
}
