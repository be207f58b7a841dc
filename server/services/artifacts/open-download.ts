import { Readable } from "node:stream";
import { resolveRange, type RangeRequest } from "../../artifacts/byte-range";
import type { ArtifactLocation } from "../../artifacts/resolve-artifact-uri";
import { basenameOf, joinSafePaths, type SafeArtifactPath } from "../../artifacts/safe-path";
import { doesNotExist } from "../errors";
import type { ArtifactDownload } from "./types";

/** Opens a file below a location for download: whole, one byte range, or "range not satisfiable". */
export async function openDownload(
  location: ArtifactLocation,
  relative: SafeArtifactPath,
  range: RangeRequest | undefined,
): Promise<ArtifactDownload> {
  const path = joinSafePaths(location.root, relative);
  const size = await location.store.sizeOf(path);
  if (size === undefined) throw doesNotExist(`No artifact file at '${relative}'.`);
  const fileName = basenameOf(path);
  if (!range) {
    // Exactly the bytes whose count is announced, even if the file is replaced meanwhile:
    // more would run into the next response on a kept-alive connection.
    const body = size === 0 ? Readable.from([]) : await location.store.read(path, { start: 0, end: size - 1 });
    return { kind: "whole", fileName, size, body };
  }
  const resolved = resolveRange(range, size);
  if (resolved === "unsatisfiable") return { kind: "unsatisfiable", fileName, size };
  return { kind: "range", fileName, size, range: resolved, body: await location.store.read(path, resolved) };
}
