import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { hasWriteTo } from "../../artifacts/file-byte-stream";
import { isStreamBody, type RestReply, type RestRequest } from "./exchange";

/**
 * Node's own request and response as a RestRequest / RestReply, for the custom server's fast path:
 * bodies go between the socket and the artifact store as Node streams, with no web-stream
 * conversion in between.
 */
export function fromNodeRequest(req: IncomingMessage, res: ServerResponse): RestRequest {
  let url: URL | undefined;
  let closed: AbortController | undefined;
  return {
    method: req.method ?? "GET",
    // The router only lets through paths that start with "/" and hold no "//", so the base's host cannot be replaced.
    get url() {
      return (url ??= new URL(req.url ?? "/", "http://localhost"));
    },
    header: (name) => {
      const value = req.headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
    },
    readBody: () => readWhole(req),
    bodyStream: () => req,
    isAborted: () => res.destroyed || (req.destroyed && !req.complete),
    clientAddress: req.socket.remoteAddress,
    get signal() {
      if (!closed) {
        const controller = (closed = new AbortController());
        // "close" also follows a complete answer; only a connection closed before it is a client gone.
        res.once("close", () => res.writableFinished || controller.abort());
        if (res.destroyed) controller.abort();
      }
      return closed.signal;
    },
  };
}

async function readWhole(req: IncomingMessage): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

/** Sends a reply; a text body (whole or in pieces) gets its Content-Length, a stream is piped until done or the client leaves. */
export async function writeNodeReply(res: ServerResponse, reply: RestReply): Promise<void> {
  if (res.destroyed) {
    if (isStreamBody(reply.body)) reply.body.destroy();
    return;
  }
  const { body } = reply;
  if (reply.cookies?.length) res.setHeader("set-cookie", reply.cookies);
  if (typeof body === "string") {
    res.writeHead(reply.status, { ...reply.headers, "content-length": Buffer.byteLength(body) });
    res.end(body);
  } else if (Array.isArray(body)) {
    let length = 0;
    for (const piece of body) length += Buffer.byteLength(piece);
    res.writeHead(reply.status, { ...reply.headers, "content-length": length });
    // Corked: the pieces leave in one writev, encoded straight into its buffer.
    res.cork();
    for (const piece of body) res.write(piece);
    res.end();
  } else if (body === null) {
    res.writeHead(reply.status, reply.headers);
    res.end();
  } else {
    res.writeHead(reply.status, reply.headers);
    // A client that hangs up mid-download rejects the pipeline, which has already destroyed the file stream.
    if (hasWriteTo(body)) await body.writeTo(res).catch(() => {});
    else await pipeline(body, res).catch(() => {});
  }
}
