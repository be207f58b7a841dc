import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FileByteStream, hasWriteTo } from "./file-byte-stream";

const MiB = 1024 * 1024;
let dir: string;
let file: string;
// Spans several 1 MiB chunks and ends mid-chunk, so chunk boundaries and the short last read are exercised.
const bytes = randomBytes(3 * MiB + 12345);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "metron-file-byte-stream-"));
  file = path.join(dir, "data.bin");
  fs.writeFileSync(file, bytes);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function collect(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Serves `send(res)` once and returns what an HTTP client received. */
async function overHttp(send: (res: http.ServerResponse) => Promise<void>): Promise<{ body: Buffer; sent: Promise<void> }> {
  let sent!: Promise<void>;
  const server = http.createServer((_req, res) => {
    res.writeHead(200);
    sent = send(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const body = Buffer.from(await response.arrayBuffer());
    return { body, sent };
  } finally {
    server.close();
  }
}

describe("FileByteStream", () => {
  it("reads a whole file as a Readable", async () => {
    expect((await collect(new FileByteStream(file))).equals(bytes)).toBe(true);
  });

  it("reads an inclusive byte range as a Readable", async () => {
    const range = { start: MiB - 3, end: 2 * MiB + 7 };
    expect((await collect(new FileByteStream(file, range))).equals(bytes.subarray(range.start, range.end + 1))).toBe(true);
  });

  it("writes a whole file to an HTTP response with writeTo and ends it", async () => {
    const { body, sent } = await overHttp((res) => new FileByteStream(file).writeTo(res));
    await sent;
    expect(body.equals(bytes)).toBe(true);
  });

  it("writes a range with writeTo, down to a single byte", async () => {
    const { body } = await overHttp((res) => new FileByteStream(file, { start: 2 * MiB, end: 3 * MiB + 100 }).writeTo(res));
    expect(body.equals(bytes.subarray(2 * MiB, 3 * MiB + 101))).toBe(true);
    const one = await overHttp((res) => new FileByteStream(file, { start: 5, end: 5 }).writeTo(res));
    expect([...one.body]).toEqual([bytes[5]]);
  });

  it("an empty file gives an empty body either way", async () => {
    const empty = path.join(dir, "empty.bin");
    fs.writeFileSync(empty, "");
    expect((await collect(new FileByteStream(empty))).length).toBe(0);
    const { body } = await overHttp((res) => new FileByteStream(empty).writeTo(res));
    expect(body.length).toBe(0);
  });

  it("a missing file rejects writeTo (and errors the Readable) without an unhandled error", async () => {
    const missing = path.join(dir, "missing.bin");
    const out = new PassThrough();
    await expect(new FileByteStream(missing).writeTo(out)).rejects.toMatchObject({ code: "ENOENT" });
    await expect(collect(new FileByteStream(missing))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("rejects and closes the file when the destination closes early", async () => {
    const out = new PassThrough({ highWaterMark: 1 });
    // Nobody reads `out`, so writes back up; closing it must end the send instead of hanging.
    const stream = new FileByteStream(file);
    const sending = stream.writeTo(out as Writable);
    setTimeout(() => out.destroy(), 20);
    await expect(sending).rejects.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(stream.destroyed).toBe(true);
  });

  it("is recognised as a body that writes itself; other streams are not", () => {
    const stream = new FileByteStream(file);
    expect(hasWriteTo(stream)).toBe(true);
    stream.destroy();
    expect(hasWriteTo(new PassThrough())).toBe(false);
  });
});

describe("FileByteStream failures", () => {
  it("a write failing while the next chunk is read rejects writeTo, with no unhandled rejection", async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.prependListener("unhandledRejection", onUnhandled);
    try {
      // Every write fails a moment later, as a socket reset by the client does.
      const out = new Writable({ write: (_chunk, _encoding, callback) => setImmediate(() => callback(new Error("ECONNRESET"))) });
      out.on("error", () => {});
      await expect(new FileByteStream(file).writeTo(out)).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("a file shorter than the range asked for fails instead of ending a short body", async () => {
    const short = path.join(dir, "short.bin");
    fs.writeFileSync(short, bytes.subarray(0, 1000));
    const out = new PassThrough();
    out.resume();
    await expect(new FileByteStream(short, { start: 0, end: 1999 }).writeTo(out)).rejects.toThrow("shrank");
    await expect(collect(new FileByteStream(short, { start: 0, end: 1999 }))).rejects.toThrow("shrank");
  });
});
