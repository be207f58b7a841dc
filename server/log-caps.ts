/** Longest string a log line repeats: a whole stack trace fits, a 28 MB request value does not. */
export const MAX_LOGGED_STRING = 4096;
const MAX_LOGGED_ITEMS = 100;
const MAX_LOGGED_DEPTH = 8;

/**
 * `value` with every string cut to MAX_LOGGED_STRING characters, arrays and objects to their first
 * MAX_LOGGED_ITEMS entries, nesting to MAX_LOGGED_DEPTH. Only plain objects and arrays are walked:
 * errors pass through (the logger's err serializer makes them plain objects, capped in turn).
 */
export function capLoggedValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") {
    return value.length > MAX_LOGGED_STRING ? `${value.slice(0, MAX_LOGGED_STRING)}... (${value.length - MAX_LOGGED_STRING} characters cut)` : value;
  }
  if (value === null || typeof value !== "object" || !isPlainOrArray(value)) return value;
  if (depth >= MAX_LOGGED_DEPTH) return "[nested too deep]";
  if (Array.isArray(value)) {
    const kept = value.slice(0, MAX_LOGGED_ITEMS).map((item) => capLoggedValue(item, depth + 1));
    return value.length > MAX_LOGGED_ITEMS ? [...kept, `... (${value.length - MAX_LOGGED_ITEMS} more items)`] : kept;
  }
  const entries = Object.entries(value);
  const capped = Object.fromEntries(entries.slice(0, MAX_LOGGED_ITEMS).map(([key, item]) => [capLoggedValue(key), capLoggedValue(item, depth + 1)]));
  if (entries.length > MAX_LOGGED_ITEMS) capped["..."] = `${entries.length - MAX_LOGGED_ITEMS} more fields`;
  return capped;
}

function isPlainOrArray(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return Array.isArray(value) || proto === Object.prototype || proto === null;
}
