import { fromWebStream, toWebStream } from "../../artifacts/web-streams";
import { EXACT_LENGTH_HEADER } from "./exact-length";
import { isStreamBody, type RestReply, type RestRequest } from "./exchange";
import type { JsonText } from "./json-pieces";

// A web Request as a RestRequest and a RestReply as a web Response: how Next's route files
// (next-route.ts) hand requests to the REST handlers.

export function fromWebRequest(req: Request): RestRequest {
  return {
    method: req.method,
    url: new URL(req.url),
    header: (name) => req.headers.get(name),
    readBody: async () => new Uint8Array(await req.arrayBuffer()),
    bodyStream: () => fromWebStream(req.body),
    isAborted: () => req.signal.aborted,
    signal: req.signal,
  };
}

const NULL_BODY_STATUSES = new Set([204, 205, 304]);

export function toWebResponse(reply: RestReply): Response {
  const headers = new Headers(reply.headers);
  for (const cookie of reply.cookies ?? []) headers.append("set-cookie", cookie);
  const length = headers.get("content-length");
  if (length !== null && isStreamBody(reply.body)) {
    headers.delete("content-length");
    headers.set(EXACT_LENGTH_HEADER, length);
  }
  const body = isStreamBody(reply.body) ? toWebStream(reply.body) : Array.isArray(reply.body) ? joinPieces(reply.body) : reply.body;
  // 204, 205 and 304 have no body by definition (tRPC answers HEAD with an empty 204): Response refuses one.
  return new Response(NULL_BODY_STATUSES.has(reply.status) ? null : body, { status: reply.status, headers });
}

/** Pieces of text as one body: a string while every piece is one, else their UTF-8 bytes. */
function joinPieces(pieces: JsonText[]): string | Uint8Array<ArrayBuffer> {
  if (pieces.every((piece) => typeof piece === "string")) return pieces.join("");
  return new Uint8Array(Buffer.concat(pieces.map((piece) => (typeof piece === "string" ? Buffer.from(piece) : piece))));
}
