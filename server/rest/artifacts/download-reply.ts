import type { ArtifactDownload } from "../../services/artifacts/types";
import { textReply, type RestReply } from "../http/exchange";
import { attachmentDisposition, contentTypeFor } from "./content-type";

/**
 * An artifact download as HTTP: 200 with the whole file, 206 with one range, or 416 when the range
 * lies outside the file. Always an attachment and never content-sniffed, so that an uploaded file
 * cannot run as a page on the server's origin.
 */
export function downloadReply(download: ArtifactDownload, method: string): RestReply {
  const headers: Record<string, string> = {
    "content-type": contentTypeFor(download.fileName),
    "content-disposition": attachmentDisposition(download.fileName),
    "x-content-type-options": "nosniff",
    "accept-ranges": "bytes",
  };
  if (download.kind === "unsatisfiable") {
    headers["content-range"] = `bytes */${download.size}`;
    return textReply(`Range not satisfiable: the file has ${download.size} bytes.`, 416, headers);
  }
  let status = 200;
  let length = download.size;
  if (download.kind === "range") {
    const { start, end } = download.range;
    status = 206;
    length = end - start + 1;
    headers["content-range"] = `bytes ${start}-${end}/${download.size}`;
  }
  headers["content-length"] = String(length);
  if (method === "HEAD") {
    download.body.destroy();
    return { status, headers, body: null };
  }
  return { status, headers, body: download.body };
}
