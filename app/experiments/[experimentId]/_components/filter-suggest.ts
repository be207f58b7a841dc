import { quoteKey } from "./columns";

// What to suggest at the cursor of the filter box: keys while a field name is being typed, known
// values once it is compared with an opening quote. Pure, so the box itself stays small.

export interface Suggestion {
  label: string;
  /** Replaces text[from, to). */
  insert: string;
  detail?: string;
}

export type Completion =
  | { type: "keys"; from: number; to: number; word: string }
  | { type: "values"; from: number; to: number; kind: "params" | "tags" | "status"; key: string; prefix: string; closeQuote: boolean };

const FIELD = String.raw`((?:[A-Za-z_]+\.)?(?:\`(?:[^\`]|\`\`)*\`|[A-Za-z_][\w.\-/:]*))`;
const VALUE_AT_END = new RegExp(String.raw`${FIELD}\s*(?:=|!=|<>|LIKE|ILIKE|IN\s*\((?:\s*'(?:[^']|'')*'\s*,)*)\s*'((?:[^']|'')*)$`, "i");
const WORD_AT_END = /((?:[A-Za-z_]+\.)?(?:`[^`]*|[A-Za-z_][\w.\-/:]*)?)$/;
const KIND_OF_PREFIX: Record<string, "params" | "metrics" | "tags" | "attributes"> = {
  param: "params", params: "params", parameter: "params", parameters: "params",
  metric: "metrics", metrics: "metrics",
  tag: "tags", tags: "tags",
  attribute: "attributes", attributes: "attributes", attr: "attributes", run: "attributes",
};
export const FILTER_ATTRIBUTES = ["run_name", "status", "start_time", "end_time", "user_id", "run_id", "artifact_uri"];
export const RUN_STATUSES = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"];

function splitField(field: string): { kind?: string; key: string } {
  const match = /^([A-Za-z_]+)\.(.*)$/.exec(field);
  const unquote = (k: string) => (k.startsWith("`") ? k.slice(1, k.endsWith("`") && k.length > 1 ? -1 : undefined).replace(/``/g, "`") : k);
  if (match && KIND_OF_PREFIX[match[1].toLowerCase()]) return { kind: KIND_OF_PREFIX[match[1].toLowerCase()], key: unquote(match[2]) };
  return { key: unquote(field) };
}

export function completionAt(text: string, cursor: number): Completion | null {
  const before = text.slice(0, cursor);
  const value = VALUE_AT_END.exec(before);
  if (value) {
    const { kind, key } = splitField(value[1]);
    const prefix = value[2];
    const base = { from: cursor - prefix.length, to: cursor, prefix: prefix.replace(/''/g, "'"), closeQuote: text[cursor] !== "'" };
    if (kind === "params" || kind === "tags") return { type: "values", kind, key, ...base };
    if (key.toLowerCase() === "status" && (kind === undefined || kind === "attributes")) return { type: "values", kind: "status", key, ...base };
    return null;
  }
  // Inside a quoted value that is not a key comparison: nothing to suggest.
  if ((before.match(/'/g)?.length ?? 0) % 2 === 1) return null;
  const word = WORD_AT_END.exec(before)?.[1] ?? "";
  const atExpressionStart = /(^|\(|\b(AND|OR|NOT))\s*$/i.test(before.slice(0, before.length - word.length));
  if (!word && !atExpressionStart) return null;
  if (/^(AND|OR|NOT|IN|LIKE|ILIKE|IS|NULL)$/i.test(word)) return null;
  return { type: "keys", from: cursor - word.length, to: cursor, word };
}

const MAX_SUGGESTIONS = 50;

export function keySuggestions(word: string, keys: { params: string[]; metrics: string[]; tags: string[] }): Suggestion[] {
  const { kind, key } = splitField(word);
  const needle = key.toLowerCase();
  const byKind = { metrics: keys.metrics, params: keys.params, tags: keys.tags, attributes: FILTER_ATTRIBUTES } as const;
  const field = (k: keyof typeof byKind, name: string) => `${k}.${k === "attributes" ? name : quoteKey(name)}`;
  const out: Suggestion[] = [];
  if (kind) {
    for (const name of byKind[kind as keyof typeof byKind]) {
      if (name.toLowerCase().includes(needle)) out.push({ label: name, insert: `${field(kind as keyof typeof byKind, name)} `, detail: kind });
      if (out.length >= MAX_SUGGESTIONS) break;
    }
    return out;
  }
  for (const prefix of ["metrics.", "params.", "tags.", "attributes."]) {
    if (prefix.startsWith(needle)) out.push({ label: prefix, insert: prefix, detail: "prefix" });
  }
  for (const k of ["metrics", "params", "tags", "attributes"] as const) {
    for (const name of byKind[k]) {
      if (out.length >= MAX_SUGGESTIONS) return out;
      if (needle && name.toLowerCase().includes(needle)) out.push({ label: field(k, name), insert: `${field(k, name)} `, detail: k });
    }
  }
  return out;
}

export function valueSuggestions(values: string[], closeQuote: boolean): Suggestion[] {
  return values.slice(0, MAX_SUGGESTIONS).map((v) => ({ label: v, insert: `${v.replace(/'/g, "''")}${closeQuote ? "'" : ""}` }));
}
