import { Readable } from "node:stream";

/**
 * A Node stream as a web ReadableStream that pulls one chunk at a time, so a slow reader slows
 * the disk or S3 read instead of piling chunks up in memory (Readable.toWeb's read-ahead has
 * varied between Node versions). Cancelling — the client went away — destroys the source.
 */
export function toWebStream(source: Readable): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(value as Uint8Array);
      },
      cancel(reason) {
        source.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

/** A request body as a Node stream for the stores; a missing body is an empty file. */
export function fromWebStream(body: ReadableStream<Uint8Array> | null): Readable {
  return body ? Readable.fromWeb(body as import("node:stream/web").ReadableStream<Uint8Array>) : Readable.from([]);
}
