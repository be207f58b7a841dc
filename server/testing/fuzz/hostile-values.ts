import type { Random } from "./random";

// Values a hostile or broken client sends: wrong types, extreme numbers, NUL and control
// characters, lone surrogates, long strings and keys, deep nesting, filter and order_by snippets.

/** Identifiers of the fuzz run's own fixtures, so some requests reach past "does not exist". */
export interface FuzzFixtures {
  experimentId: string;
  runId: string;
  modelName: string;
  modelVersion: string;
  loggedModelId: string;
}

export type Size = "short" | "long";

const FIELD_NAMES = [
  "experiment_id", "experiment_ids", "run_id", "run_uuid", "name", "new_name", "key", "value", "timestamp", "step",
  "metrics", "params", "tags", "filter", "filter_string", "max_results", "order_by", "page_token", "view_type",
  "run_view_type", "start_time", "end_time", "status", "run_name", "artifact_location", "description", "version",
  "stage", "alias", "source", "model_id", "path", "datasets", "inputs", "models", "metric_key", "user_id",
  "archive_existing_versions", "dataset_digest", "model_input", "run_ids", "interval", "limit", "parent_run_id",
];

const FILTER_SNIPPETS = [
  "metrics.loss > 0", "params.lr = '0.1'", "tags.`a b` != 'x'", "attributes.status = 'FINISHED'", "name LIKE '%a%'",
  "metrics.loss > 0 AND metrics.loss > 0", "((((metrics.a > 1))))", "run_name ILIKE '%\\'", "metrics.x IN (1,2)",
  "datasets.digest = 'x'", "tags.mlflow.runName = 'a'", "attributes.run_id IN ('a', 'b')", "metric.loss >", "'unterminated",
  "params.`` = ''", "metrics.loss = NaN", "attributes.start_time > 99999999999999999999", "name = \u0000",
];

const ORDER_BY_SNIPPETS = ["metrics.loss DESC", "attributes.start_time", "params.lr ASC", "name", "tags.`x` DESC", "metrics.", "DESC", "creation_timestamp desc"];

const WEIRD_STRINGS = [
  "", " ", "\u0000", "a\u0000b", "\ud800", "\udfff", "💥", "\u202e", "..", "../../etc/passwd", "%", "%zz", "%ff", "%c0%af", "\\", "/",
  "null", "true", "NaN", "Infinity", "-0", "1e309", "0x10", "'; drop table runs; --", "${jndi:x}", "<script>", "\r\n", "\t",
];

const NUMBERS = [0, -1, 1, -0, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, 2 ** 63, -(2 ** 63), 1e308, -1e308, 5e-324, 0.1, 3.5, 1e21];

export function hostileValue(rng: Random, fixtures: FuzzFixtures, size: Size, depth = 0): unknown {
  const long = size === "long" ? 1_000_000 : 20_000;
  return rng.weighted<unknown>([
    [6, () => rng.pick(WEIRD_STRINGS)],
    [5, () => rng.pick(NUMBERS)],
    [2, () => String(rng.pick(NUMBERS))],
    [2, () => "9".repeat(rng.int(19, 400))],
    [3, () => rng.pick([fixtures.experimentId, fixtures.runId, fixtures.modelName, fixtures.modelVersion, fixtures.loggedModelId])],
    [3, () => rng.pick(FILTER_SNIPPETS)],
    [1, () => Array.from({ length: rng.int(2, size === "long" ? 400 : 40) }, () => rng.pick(FILTER_SNIPPETS)).join(rng.pick([" AND ", " OR ", " and "]))],
    [1, () => rng.pick(ORDER_BY_SNIPPETS)],
    [2, () => rng.pick([true, false, null])],
    [1, () => "x".repeat(rng.int(251, long))],
    [1, () => randomText(rng, rng.int(1, 64))],
    [2, () => (depth > 2 ? [] : Array.from({ length: rng.int(0, 5) }, () => hostileValue(rng, fixtures, size, depth + 1)))],
    [2, () => (depth > 2 ? {} : hostileObject(rng, fixtures, size, depth + 1))],
    [1, () => deepNesting(rng, rng.int(20, size === "long" ? 100_000 : 5_000))],
    [depth === 0 ? 1 : 0, () => manyEntries(rng, fixtures)],
  ]);
}

export function hostileObject(rng: Random, fixtures: FuzzFixtures, size: Size, depth = 0, names: readonly string[] = FIELD_NAMES): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (let i = rng.int(0, 6); i > 0; i--) fields[fieldName(rng, names)] = hostileValue(rng, fixtures, size, depth);
  return fields;
}

function fieldName(rng: Random, names: readonly string[]): string {
  return rng.weighted([
    [12, () => rng.pick(names.length > 0 && rng.chance(0.7) ? names : FIELD_NAMES)],
    [1, () => "k".repeat(rng.int(300, 70_000))],
    [1, () => rng.pick(["__proto__", "constructor", "", "\u0000", "run_id\u0000", "toString"])],
  ]);
}

/** 10,000 of something in one request: batch entries (metrics, params, tags alike), ids, or an object's keys. */
function manyEntries(rng: Random, fixtures: FuzzFixtures): unknown {
  const n = 10_000;
  return rng.weighted<unknown>([
    [3, () => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: rng.chance(0.5) ? i : `v${i}`, timestamp: i, step: -i }))],
    [1, () => Array.from({ length: n }, (_, i) => (rng.chance(0.5) ? fixtures.experimentId : String(i)))],
    [1, () => Object.fromEntries(Array.from({ length: n }, (_, i) => [`key_${i}`, i]))],
  ]);
}

/** An array nested `levels` deep, e.g. [[[[…]]]]. */
function deepNesting(rng: Random, levels: number): unknown {
  let value: unknown = rng.pick([1, "x", {}]);
  for (let i = 0; i < levels; i++) value = rng.chance(0.5) ? [value] : { a: value };
  return value;
}

function randomText(rng: Random, length: number): string {
  let text = "";
  for (let i = 0; i < length; i++) text += String.fromCharCode(rng.chance(0.8) ? rng.int(0x20, 0x7e) : rng.int(0, 0xffff));
  return text;
}

/** A path segment or query value as a hostile client spells it: plain, encoded, or with escapes that do not decode. */
export function hostileSegment(rng: Random, fixtures: FuzzFixtures): string {
  return rng.weighted([
    [4, () => percentEncode(String(hostileValue(rng, fixtures, "short", 3)).slice(0, 300))],
    [3, () => rng.pick(["%ff", "%c0%af", "%e2%82", "%zz", "%", "%2e%2e", "..", ".", "%00", "%2f", "%5c", "a%c0%ae%c0%ae", "%ed%a0%80"])],
    [2, () => rng.pick([fixtures.runId, fixtures.loggedModelId, fixtures.experimentId])],
    [1, () => "a".repeat(rng.int(200, 4000))],
  ]);
}

/** JSON for a body, then damaged now and then: truncated, trailing garbage, invalid UTF-8, a BOM, not an object. */
export function hostileBody(rng: Random, value: unknown): Buffer {
  let text: string;
  try {
    text = JSON.stringify(value) ?? "null";
  } catch {
    text = "{}"; // too deep for JSON.stringify itself
  }
  return rng.weighted<Buffer>([
    [14, () => Buffer.from(text)],
    [1, () => Buffer.from(text.slice(0, rng.int(0, text.length)))],
    [1, () => Buffer.from(`${text}${rng.pick(["}", "]", ",", "garbage", "\u0000"])}`)],
    [1, () => Buffer.concat([Buffer.from(text.slice(0, -1) || "{"), Buffer.from([0xff, 0xfe, 0xc0, 0xaf, 0xed, 0xa0, 0x80]), Buffer.from('"}')])],
    [1, () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])],
    [1, () => Buffer.from(rng.pick(['"{}"', '"', "[]", "null", "1", '"\\u0000"', "{\"a\":", "\u0000", "{\"__proto__\":{\"x\":1}}"]))],
  ]);
}

/** encodeURIComponent that also takes lone surrogates (sent as U+FFFD, as any UTF-8 encoder would). */
export function percentEncode(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.!~*'()]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
