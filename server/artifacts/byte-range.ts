import type { ByteRange } from "./artifact-store";

/** A single range from a `Range: bytes=…` header, before the file's size is known. */
export type RangeRequest = { start: number; end?: number } | { suffixLength: number };

/**
 * Parses `Range: bytes=a-b`, `bytes=a-` or `bytes=-n`. Anything else — other units, several
 * ranges, malformed text — yields undefined, and the whole file is sent: RFC 9110 lets a server
 * ignore a Range header it does not support.
 */
export function parseRangeHeader(header: string | null | undefined): RangeRequest | undefined {
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header ?? "");
  if (!match) return undefined;
  const [, first, last] = match;
  if (first === "" && last === "") return undefined;
  if (first === "") return { suffixLength: Number(last) };
  const start = Number(first);
  if (last === "") return { start };
  const end = Number(last);
  return end < start ? undefined : { start, end };
}

/**
 * The bytes a range asks for within a file of `size` bytes, or "unsatisfiable" (416) when none of
 * them exist: a start at or past the end, or an empty suffix. An end past the file is clamped.
 */
export function resolveRange(request: RangeRequest, size: number): ByteRange | "unsatisfiable" {
  if ("suffixLength" in request) {
    if (request.suffixLength === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - request.suffixLength), end: size - 1 };
  }
  if (request.start >= size) return "unsatisfiable";
  return { start: request.start, end: Math.min(request.end ?? size - 1, size - 1) };
}
