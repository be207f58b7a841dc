import { writeJsonDoubles } from "./json-double";

/** JSON text, or its UTF-8 bytes as the database sent them (see server/db/text-rows.ts). */
export type JsonText = string | Uint8Array;

/**
 * A JSON body as consecutive pieces: JSON serialized here, and JSON text the database wrote, put in as it
 * is (never parsed). Sent one after another: pieces of a few hundred bytes die young, where one joined
 * 2 MB string (a 1000-run page) would be a large object only full collections reclaim.
 */
export class JsonPieces {
  private readonly pieces: JsonText[] = [];
  /** JSON written here since the last raw piece, one piece once closed. */
  private open = "";

  /** JSON syntax as given: braces, brackets, commas, `"name":`. */
  literal(text: string): this {
    this.open += text;
    return this;
  }

  /** A value serialized here, its wireDouble fields written as MLflow writes doubles. */
  value(value: unknown): this {
    this.open += JSON.stringify(value);
    return this;
  }

  /** Complete JSON text written elsewhere (its doubles already spelled), put in as it is: a string or its UTF-8 bytes. */
  raw(json: JsonText): this {
    this.close();
    this.pieces.push(json);
    return this;
  }

  /** The pieces, in order; the body is them written one after the other. */
  finish(): JsonText[] {
    this.close();
    return this.pieces;
  }

  // Doubles are written per piece, not per value: one scan for their markers instead of several.
  private close(): void {
    if (this.open !== "") this.pieces.push(writeJsonDoubles(this.open));
    this.open = "";
  }
}
