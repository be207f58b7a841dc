import type { Readable } from "node:stream";
import type { ByteRange } from "../../artifacts/artifact-store";

/** MLflow's FileInfo: a path (a basename from the proxy, run-relative from artifacts/list). */
export interface FileInfo {
  path: string;
  isDir: boolean;
  fileSize?: number;
}

/**
 * A file about to be sent: the whole of it, the requested range of it, or — when the range lies
 * outside the file — nothing but its size (HTTP 416).
 */
export type ArtifactDownload = { fileName: string; size: number } & (
  | { kind: "whole"; body: Readable }
  | { kind: "range"; range: ByteRange; body: Readable }
  | { kind: "unsatisfiable" }
);
