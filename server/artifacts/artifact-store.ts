import type { Readable } from "node:stream";
import type { SafeArtifactPath } from "./safe-path";

/** One entry of a directory listing: its name within the directory, and its size when a file. */
export interface ArtifactEntry {
  name: string;
  isDir: boolean;
  size?: number;
}

/** Inclusive byte offsets, already checked against the file's size. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface PresignedPart {
  partNumber: number;
  url: string;
  headers: Record<string, string>;
}

export interface MultipartUploadStore {
  /** Starts an upload and presigns one URL per part; the client PUTs the parts straight to storage. */
  create(path: SafeArtifactPath, numParts: number): Promise<{ uploadId: string; parts: PresignedPart[] }>;
  complete(path: SafeArtifactPath, uploadId: string, parts: { partNumber: number; etag: string }[]): Promise<void>;
  abort(path: SafeArtifactPath, uploadId: string): Promise<void>;
}

/**
 * Where artifact bytes live (local disk, an S3 bucket). Paths are relative to the store's root and
 * can only be made by `toSafeArtifactPath`. Bodies are streams both ways: nothing holds a whole file.
 */
export interface ArtifactStore {
  /** The store's root as a URI (file:///…, s3://bucket), for messages and listings. */
  readonly uri: string;
  /**
   * Writes a file from a stream. Readers see either the previous file or the complete new one:
   * a failed or interrupted write leaves nothing behind.
   */
  put(path: SafeArtifactPath, body: Readable, options?: { contentType?: string }): Promise<void>;
  /** The size of a file; undefined when there is no file at `path` (missing, or a directory). */
  sizeOf(path: SafeArtifactPath): Promise<number | undefined>;
  /** The bytes of a file, or of `range` within it. Call `sizeOf` first: a missing file throws. */
  read(path: SafeArtifactPath, range?: ByteRange): Promise<Readable>;
  /** One level of a directory, sorted by name; [] when it does not exist or is a file. */
  list(path: SafeArtifactPath): Promise<ArtifactEntry[]>;
  /** Removes a file, or a directory with everything under it; a missing path is not an error. */
  delete(path: SafeArtifactPath): Promise<void>;
  /** Present only where the storage can take parts directly from the client (S3). */
  readonly multipart?: MultipartUploadStore;
}

/** Code-point order, as S3 lists keys, so both stores list in the same order. */
export function byName(a: ArtifactEntry, b: ArtifactEntry): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
