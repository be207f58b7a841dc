import type { Readable } from "node:stream";
import { writeJsonDoubles } from "./json-double";
import type { JsonPieces, JsonText } from "./json-pieces";

/**
 * One HTTP request as the REST handlers see it, whichever server delivered it: Next's route
 * handlers (a web Request, see web-edge.ts) or the custom server's fast path (Node's
 * IncomingMessage, see node-edge.ts). Handlers are written once against this.
 */
export interface RestRequest {
  readonly method: string;
  /** The URL as the client sent it (path still percent-encoded); only path and query are meaningful. */
  readonly url: URL;
  header(name: string): string | null;
  /** The whole body (JSON endpoints); callers check the declared length before calling. */
  readBody(): Promise<Uint8Array>;
  /** The body as a Node stream (uploads), read as it arrives. */
  bodyStream(): Readable;
  /** True once the client has gone away: nobody is left to answer. */
  isAborted(): boolean;
  /** Aborted when the client goes away before the answer is sent (its searches are cancelled). */
  readonly signal: AbortSignal;
  /** The peer's address (the custom server's fast path knows it; Next's route handlers do not). */
  readonly clientAddress?: string;
}

/**
 * The answer to a RestRequest. A stream body is a file's bytes, sent as read (length in content-length);
 * text in pieces (strings or UTF-8 bytes) is sent one piece after another, never joined (see JsonPieces). A HEAD reply
 * to a download has the headers and no body.
 */
export interface RestReply {
  status: number;
  headers: Record<string, string>;
  body: string | JsonText[] | Readable | null;
  /** Set-Cookie values, one header each (a header record cannot hold two). */
  cookies?: readonly string[];
}

/** A body that is a file's bytes (sent as read, to be destroyed if never sent), not text. */
export function isStreamBody(body: RestReply["body"]): body is Readable {
  return body !== null && typeof body !== "string" && !Array.isArray(body);
}

/** A JSON reply, double fields written as MLflow writes them (see json-double.ts). */
export function jsonReply(body: unknown, status: number): RestReply {
  return { status, headers: { "content-type": "application/json" }, body: writeJsonDoubles(JSON.stringify(body)) };
}

/** A JSON reply written in pieces, sent one after the other (see JsonPieces). */
export function jsonPiecesReply(body: JsonPieces, status: number): RestReply {
  const pieces = body.finish();
  const [only] = pieces;
  return { status, headers: { "content-type": "application/json" }, body: pieces.length === 1 && typeof only === "string" ? only : pieces };
}

export function textReply(text: string, status: number, headers: Record<string, string> = {}): RestReply {
  return { status, headers: { ...headers, "content-type": "text/plain; charset=utf-8" }, body: text };
}
