import { createHash } from "node:crypto";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ServerConfig } from "../env";
import { resolveArtifactUri } from "../artifacts/resolve-artifact-uri";
import { joinSafePaths, toSafeArtifactPath } from "../artifacts/safe-path";
import type { ArtifactReader } from "./model";

export interface ArtifactTally {
  files: number;
  bytes: number;
  copiedFiles: number;
  /** Files whose bytes in Metron hash the same as in the source. */
  matchingChecksums: number;
  storedFiles: number;
  storedBytes: number;
}

export const emptyTally = (): ArtifactTally => ({ files: 0, bytes: 0, copiedFiles: 0, matchingChecksums: 0, storedFiles: 0, storedBytes: 0 });

/**
 * Copies every file of one artifact root into its new place, streamed (a file is never held in
 * memory whole); a file already there with the source's size is kept (a resumed import). Each file
 * is hashed on the way in and read back from Metron's store to compare.
 */
export async function copyArtifacts(
  reader: ArtifactReader,
  destinationUri: string,
  config: Pick<ServerConfig, "artifactsDestination" | "s3">,
  tally: ArtifactTally,
  onFile: (bytes: number) => void,
  /** Called with the bytes a copy adds (less what it replaces) before it is made; throws to refuse it. */
  reserve: (bytes: number) => Promise<void> = async () => undefined,
): Promise<void> {
  const { store, root } = resolveArtifactUri(destinationUri, config);
  for await (const file of reader.listFiles()) {
    const target = joinSafePaths(root, toSafeArtifactPath(file.path));
    tally.files += 1;
    tally.bytes += file.size;
    let sourceHash: string;
    const present = await store.sizeOf(target);
    if (present === file.size) {
      sourceHash = await hashOf(await reader.open(file.path));
    } else {
      const hash = createHash("sha256");
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      });
      await reserve(file.size - (present ?? 0));
      const body = await reader.open(file.path);
      try {
        await Promise.all([store.put(target, tap), pipeline(body, tap)]);
      } catch (err) {
        await reserve(-(file.size - (present ?? 0))).catch(() => undefined);
        throw err;
      }
      sourceHash = hash.digest("hex");
      tally.copiedFiles += 1;
    }
    const storedSize = await store.sizeOf(target);
    if (storedSize !== undefined) {
      tally.storedFiles += 1;
      tally.storedBytes += storedSize;
      if ((await hashOf(await store.read(target))) === sourceHash) tally.matchingChecksums += 1;
    }
    onFile(file.size);
  }
}

async function hashOf(stream: Readable): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
