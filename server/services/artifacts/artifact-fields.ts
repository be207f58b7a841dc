import type { Readable } from "node:stream";
import { z } from "zod";
import { parseRangeHeader } from "../../artifacts/byte-range";
import { toSafeArtifactPath } from "../../artifacts/safe-path";

/**
 * An artifact path: a string (query string, JSON) or the decoded segments of a URL path. Every
 * artifact verb reads its path through this field, so every path passes the one safe-path check.
 */
export const artifactPath = z
  .union([z.string(), z.array(z.string())])
  .default("")
  .transform((value) => toSafeArtifactPath(value));

/** An artifact path that must name something below the root (absent or "" is a missing value). */
export const requiredArtifactPath = z
  .string()
  .min(1)
  .transform((value) => toSafeArtifactPath(value));

/** An HTTP Range header; unsupported forms are ignored (the whole file is sent). */
export const rangeHeader = z
  .string()
  .nullish()
  .transform((header) => parseRangeHeader(header));

/** A request body already turned into a Node stream by the edge. */
export const byteStream = z.custom<Readable>((value) => typeof (value as Readable)?.pipe === "function", "expected a byte stream");
