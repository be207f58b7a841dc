import { randomBytes } from "node:crypto";

/**
 * A proto `double` as MLflow writes it: Python's float repr (`3.0`, `1e-07`, `1e+20`, `-0.0`), always with
 * a fraction or exponent so typed readers (R's jsonlite, JVM, Go) read back a double, not an integer.
 * Python uses an exponent below 1e-4 and from 1e16, with at least two digits.
 */
export function formatDouble(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value === 0) return Object.is(value, -0) ? "-0.0" : "0.0";
  const magnitude = Math.abs(value);
  // The common cases in one step: JS spells these exactly as Python does, minus the ".0".
  if (magnitude < 1e16 && Number.isInteger(value)) return `${value}.0`;
  if (magnitude >= 1e-4 && magnitude < 1e16) return String(value);
  // toExponential() without digits gives the shortest round-trip digits, as both languages use.
  const [mantissa, exponent] = value.toExponential().split("e");
  const power = Number(exponent);
  return `${mantissa}e${power < 0 ? "-" : "+"}${String(Math.abs(power)).padStart(2, "0")}`;
}

// A double travels through JSON.stringify as a string holding a per-process random nonce, which
// no client value can hold without guessing 96 random bits; writeJsonDoubles then writes the
// number bare in its place. Its text holds only digits, signs, "." and "e".
const MARKER_PREFIX = `metron-double-${randomBytes(12).toString("hex")}:`;
const MARKERS = new RegExp(`"${MARKER_PREFIX}([-+.e0-9]+)"`, "g");

/** A double field's wire value: NaN and ±Infinity as protobuf's JSON strings, numbers as a marker for writeJsonDoubles. */
export function wireDouble(value: number): string {
  if (!Number.isFinite(value)) return formatDouble(value);
  return MARKER_PREFIX + formatDouble(value);
}

/** JSON text written by JSON.stringify, with each wireDouble marker replaced by the bare number. */
export function writeJsonDoubles(json: string): string {
  return json.includes(MARKER_PREFIX) ? json.replace(MARKERS, "$1") : json;
}
