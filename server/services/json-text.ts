import { randomBytes } from "node:crypto";

/**
 * A value that is already JSON text (written by the database, see run-data-json.ts). A result
 * may hold it in place of the value; `stringifyJsonPieces` writes the text where the value would go, so
 * a large part of a response is never parsed into objects nor serialized again.
 */
export class JsonText {
  constructor(readonly text: string) {}

  /** Inside stringifyJsonPieces: a marker to splice the text in at; anywhere else: the value itself. */
  toJSON(): unknown {
    if (!splicing) return JSON.parse(this.text);
    splicing.push(this.text);
    return `${MARKER_PREFIX}${splicing.length - 1}`;
  }
}

// The marker is a JSON string holding a per-process random nonce: a client value can only equal
// it by guessing 96 random bits, and it holds no character that JSON.stringify would escape.
const MARKER_PREFIX = `metron-json-text-${randomBytes(12).toString("hex")}-`;
const MARKERS = new RegExp(`"${MARKER_PREFIX}(\\d+)"`, "g");

/** The texts of the JsonText values met by the JSON.stringify call in progress. */
let splicing: string[] | undefined;

/**
 * JSON.stringify(value), with each JsonText's text written where it stands, as consecutive
 * pieces to be written one after the other: a 1000-run
 * page is ~2 MB, and pieces of a few hundred bytes are short-lived young-generation strings,
 * where one joined string (and its copies on the way to the socket) would be large objects that
 * only V8's full collections reclaim.
 */
export function stringifyJsonPieces(value: unknown): string[] {
  const outer = splicing;
  splicing = [];
  try {
    const json = JSON.stringify(value);
    const texts = splicing;
    if (texts.length === 0) return [json];
    // split with a capturing group alternates: JSON before a marker, the marker's index, JSON after…
    const parts = json.split(MARKERS);
    for (let i = 1; i < parts.length; i += 2) parts[i] = texts[Number(parts[i])];
    return parts;
  } finally {
    splicing = outer;
  }
}
