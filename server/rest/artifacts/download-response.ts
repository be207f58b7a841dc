import { toWebStream } from "../../artifacts/web-streams";
import type { ArtifactDownload } from "../../services/artifacts/model";
import { attachmentDisposition, contentTypeFor } from "./content-type";

/** Next drops Content-Length; our server (start-server.mjs) turns this header back into it. */
const EXACT_LENGTH_HEADER = "x-metron-content-length";

/**
 * An artifact download as HTTP: 200 with the whole file, 206 with one range, or 416 when the range
 * lies outside the file. Always an attachment and never content-sniffed, so that an uploaded file
 * cannot run as a page on the server's origin.
 */
export function downloadResponse(download: ArtifactDownload, method: string): Response {
  const headers = new Headers({
    "content-type": contentTypeFor(download.fileName),
    "content-disposition": attachmentDisposition(download.fileName),
    "x-content-type-options": "nosniff",
    "accept-ranges": "bytes",
  });
  if (download.kind === "unsatisfiable") {
    headers.set("content-range", `bytes */${download.size}`);
    headers.set("content-type", "text/plain; charset=utf-8");
    return new Response(`Range not satisfiable: the file has ${download.size} bytes.`, { status: 416, headers });
  }
  let status = 200;
  let length = download.size;
  if (download.kind === "range") {
    const { start, end } = download.range;
    status = 206;
    length = end - start + 1;
    headers.set("content-range", `bytes ${start}-${end}/${download.size}`);
  }
  headers.set(EXACT_LENGTH_HEADER, String(length));
  if (method === "HEAD") {
    download.body.destroy();
    return new Response(null, { status, headers });
  }
  return new Response(toWebStream(download.body), { status, headers });
}
