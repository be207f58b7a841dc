import type { ArtifactStore } from "../../artifacts/artifact-store";
import { resolveDestination } from "../../artifacts/resolve-artifact-uri";
import { joinSafePaths, toSafeArtifactPath, type SafeArtifactPath } from "../../artifacts/safe-path";
import type { ServerConfig } from "../../env";

// The proxy's artifact-bytes accounting: runs store artifacts under `<experiment id>/<run id>/…` of the
// destination, so a path's first segment names the experiment that pays for its bytes.

/** The experiment a proxy path is metered against; undefined for paths outside any experiment. */
export function meteredExperimentId(path: string): number | undefined {
  const first = path.split("/")[0];
  return /^\d{1,9}$/.test(first) ? Number(first) : undefined;
}

/** The bytes stored at a proxy path: a file's size, or everything under a folder (0 when nothing is there). */
export async function storedBytesAt(config: Pick<ServerConfig, "artifactsDestination" | "s3">, path: SafeArtifactPath): Promise<number> {
  const { store, root } = resolveDestination(config);
  return bytesUnder(store, joinSafePaths(root, path));
}

/** The bytes stored at `path` of `store`: a file's size, or everything under a folder. */
export async function bytesUnder(store: ArtifactStore, path: SafeArtifactPath): Promise<number> {
  const size = await store.sizeOf(path);
  if (size !== undefined) return size;
  let total = 0;
  for (const entry of await store.list(path)) {
    const child = joinSafePaths(path, toSafeArtifactPath(entry.name));
    total += entry.isDir ? await bytesUnder(store, child) : (entry.size ?? (await store.sizeOf(child)) ?? 0);
  }
  return total;
}
