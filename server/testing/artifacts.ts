import { createHash } from "node:crypto";
import http from "node:http";

/** A reply read whole: fine for JSON and small files (large ones go through `downloadDigest`). */
export interface RawReply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/**
 * An HTTP request with the path sent exactly as given: fetch() normalises "..", "%2e" and the like
 * before sending, which would hide exactly what the traversal tests need to send.
 */
export function rawRequest(
  baseUrl: string,
  method: string,
  rawPath: string,
  options: { headers?: Record<string, string>; body?: Buffer | string } = {},
): Promise<RawReply> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: url.hostname, port: url.port, method, path: rawPath, headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        const text = body.toString("utf8");
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode!, headers: res.headers, body, text, json });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

/** A Buffer as a fetch body (Node accepts it; the DOM typings do not know Buffer). */
export const asBody = (data: Buffer | string) => data as unknown as BodyInit;

/** Deterministic pseudo-random bytes (xorshift), so large test files need no fixtures. */
export function patternBytes(size: number, seed = 1): Buffer {
  const out = Buffer.allocUnsafe(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

/** Streams a download and returns its status, headers, size and sha256 without keeping the bytes. */
export async function downloadDigest(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers });
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of (res.body ?? []) as unknown as AsyncIterable<Uint8Array>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { status: res.status, headers: res.headers, size, sha256: hash.digest("hex") };
}

/**
 * Starts a PUT that announces `declaredBytes`, sends `sentBytes` of them, then drops the
 * connection: a client that died mid-upload.
 */
export async function interruptedUpload(url: string, declaredBytes: number, sentBytes: number): Promise<void> {
  const target = new URL(url);
  await new Promise<void>((resolve) => {
    const req = http.request({
      host: target.hostname,
      port: target.port,
      method: "PUT",
      path: target.pathname,
      headers: { "content-length": String(declaredBytes), "content-type": "application/octet-stream" },
    });
    req.on("error", () => resolve());
    req.on("response", (res) => {
      res.resume();
      res.on("end", resolve);
    });
    req.write(patternBytes(sentBytes, 7), () => {
      // Give the server a moment to start streaming the body to storage, then cut the connection.
      setTimeout(() => {
        req.destroy();
        resolve();
      }, 300);
    });
  });
}
