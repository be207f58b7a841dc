/**
 * snake_case ⇄ camelCase for MLflow's proto field names (which never contain digits after "_").
 * Names without "_" skip the regex (request.ts does not even call it for objects without one).
 */
export const snakeToCamel = (name: string) =>
  name.includes("_") ? name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase()) : name;
export const camelToSnake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A zod issue path in wire terms, e.g. ["metrics", 3, "value"] → "metrics[3].value". */
export function wireFieldName(path: PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${camelToSnake(String(part))}`))
    .join("");
}
