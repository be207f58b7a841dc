import { resolveArtifactUri } from "../../artifacts/resolve-artifact-uri";
import { joinSafePaths, type SafeArtifactPath } from "../../artifacts/safe-path";
import type { ServerConfig } from "../../env";
import { decodePageToken, encodePageToken } from "../../search/page-token";
import type { FileInfo } from "./types";

/** Entries per page; a directory with more answers with a next_page_token. */
export const LIST_PAGE_SIZE = 1000;

/**
 * One directory below an artifact root (a run's or a logged model's), with paths relative to that
 * root, sorted by name and paged by offset tokens.
 */
export async function listArtifactDirectory(
  config: ServerConfig,
  request: { rootUri: string; path: SafeArtifactPath; pageToken?: string },
): Promise<{ rootUri: string; files: FileInfo[]; nextPageToken?: string }> {
  const { offset } = decodePageToken(request.pageToken);
  const location = resolveArtifactUri(request.rootUri, config);
  const entries = await location.store.list(joinSafePaths(location.root, request.path));
  const page = entries.slice(offset, offset + LIST_PAGE_SIZE);
  const prefix = request.path === "" ? "" : `${request.path}/`;
  return {
    rootUri: request.rootUri,
    files: page.map((e) => ({ path: prefix + e.name, isDir: e.isDir, fileSize: e.size })),
    nextPageToken: offset + LIST_PAGE_SIZE < entries.length ? encodePageToken({ offset: offset + LIST_PAGE_SIZE }) : undefined,
  };
}
