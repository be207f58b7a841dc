import { HISTORY_FIELD_SEPARATOR, type HistoryColumns } from "../../repositories/metric-history-points";
import { formatDouble } from "../http/json-double";

const SEPARATOR = HISTORY_FIELD_SEPARATOR.charCodeAt(0);
const ascii = (text: string) => Buffer.from(text, "latin1");
const POINT_GLUE = ascii("},");
const TIMESTAMP = ascii(',"timestamp":');
const STEP = ascii(',"step":');
const DECIMAL = ascii(".0");
const [QUOTE, MINUS, PLUS, POINT, LETTER_E, LETTER_N, LETTER_I] = [34, 45, 43, 46, 101, 78, 73];
// The most a value's text grows here: 13 characters, from PostgreSQL's "1e+15" to MLflow's "1000000000000000.0"
// (".0" after an integer and quotes around NaN add 2).
const VALUE_GROWTH = 14;

/**
 * A history page's first `count` points as the comma-separated JSON objects toWire + JSON.stringify wrote,
 * in UTF-8: `{"key":…,"value":…,"timestamp":…,"step":…}` with model_id and the dataset's fields where set.
 * The fields come as the database spelled them (see findMetricHistoryColumns); only values are respelled
 * where MLflow's spelling of a double differs from PostgreSQL's: ".0" after an integer, quotes around NaN
 * and ±Infinity, and 1e15 and beyond (rare: formatDouble). The rest is copied byte for byte.
 */
export function historyPointsJson(key: string, columns: HistoryColumns, count: number): Buffer {
  const values = bytesOf(columns.values);
  const timestamps = bytesOf(columns.timestamps);
  const steps = bytesOf(columns.steps);
  // Every point has the page's key: its JSON is written once.
  const head = Buffer.from(`{"key":${JSON.stringify(key)},"value":`, "utf8");
  const perPoint = POINT_GLUE.length + head.length + VALUE_GROWTH + TIMESTAMP.length + STEP.length + 3;
  // A plain Uint8Array (indexed faster than a Buffer) over memory left unzeroed: every byte read is written.
  const memory = Buffer.allocUnsafeSlow(count * perPoint + values.length + timestamps.length + steps.length);
  const out = new Uint8Array(memory.buffer, memory.byteOffset, memory.byteLength);
  // Between two points: `},` and the next one's head, in one copy.
  const between = Buffer.concat([POINT_GLUE, head]);
  let at = 0;
  const put = (bytes: Uint8Array) => {
    out.set(bytes, at);
    at += bytes.length;
  };
  // Copies the field that starts at `from` up to the next separator; answers where the next field starts.
  const copyField = (column: Uint8Array, from: number) => {
    let end = from;
    while (end < column.length && column[end] !== SEPARATOR) out[at++] = column[end++];
    return end + 1;
  };
  let valueAt = 0;
  let timestampAt = 0;
  let stepAt = 0;
  for (let point = 0; point < count; point++) {
    put(point === 0 ? head : between);
    valueAt = writeValue(values, valueAt);
    put(TIMESTAMP);
    timestampAt = copyField(timestamps, timestampAt);
    put(STEP);
    stepAt = copyField(steps, stepAt);
  }
  if (count > 0) out[at++] = 125; // "}"
  return memory.subarray(0, at);

  // A value in float8out's text as MLflow spells it; answers where the next value starts.
  function writeValue(column: Uint8Array, from: number): number {
    const first = column[column[from] === MINUS ? from + 1 : from];
    if (first === LETTER_N || first === LETTER_I) {
      // NaN, Infinity, -Infinity: protobuf's JSON strings.
      out[at++] = QUOTE;
      const next = copyField(column, from);
      out[at++] = QUOTE;
      return next;
    }
    let end = from;
    let isInteger = true;
    let hasPositiveExponent = false;
    for (let c = column[end]; end < column.length && c !== SEPARATOR; c = column[++end]) {
      if (c === POINT || c === LETTER_E) isInteger = false;
      else if (c === PLUS) hasPositiveExponent = true;
      out[at++] = c;
    }
    if (hasPositiveExponent) {
      // 1e15 and beyond: PostgreSQL turns to an exponent sooner than Python, and spells some integers in full.
      at -= end - from;
      at += memory.write(formatDouble(Number(Buffer.from(column.buffer, column.byteOffset + from, end - from).toString("latin1"))), at, "latin1");
    } else if (isInteger) {
      put(DECIMAL);
    }
    return end + 1;
  }
}

function bytesOf(text: string | Uint8Array): Uint8Array {
  const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
