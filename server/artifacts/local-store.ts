import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import { invalidParameter, MlflowError } from "../mlflow-error";
import { FileByteStream } from "./file-byte-stream";
import { byName, type ArtifactEntry, type ArtifactStore, type ByteRange } from "./artifact-store";
import { isInside, resolveInsideRoot, type SafeArtifactPath } from "./safe-path";

/**
 * Uploads are written here first and renamed into place when complete, so a reader never sees a
 * partial file. It sits inside the root so that the rename stays on one filesystem; it is hidden
 * from listings and no artifact path may name it.
 */
const STAGING_DIR = ".metron-uploads";

/** The longest file or folder name ext4, XFS, APFS and NTFS accept. */
const MAX_NAME_BYTES = 255;

// 1 MiB writes: large enough for disk throughput, small enough that a slow client costs little memory.
const WRITE_CHUNK_BYTES = 1024 * 1024;

/** Artifacts as files under one directory on the server's disk. */
export class LocalArtifactStore implements ArtifactStore {
  readonly uri: string;

  constructor(private readonly rootDir: string) {
    this.uri = pathToFileURL(rootDir).href;
  }

  async put(relative: SafeArtifactPath, body: Readable): Promise<void> {
    if (relative === "") throw invalidParameter("An artifact upload needs a file path, not the root.");
    const target = await this.resolve(relative);
    const stagingDir = path.join(this.rootDir, STAGING_DIR);
    await fs.mkdir(stagingDir, { recursive: true });
    const staged = path.join(stagingDir, randomUUID());
    try {
      await writeKeepingBodyOpen(body, staged);
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.rename(staged, target);
    } catch (err) {
      await fs.rm(staged, { force: true });
      if (["EISDIR", "ENOTDIR", "EEXIST"].includes((err as NodeJS.ErrnoException).code ?? "")) {
        throw invalidParameter(`Cannot write '${relative}': a directory is in the way.`);
      }
      if (["ENOSPC", "EDQUOT"].includes((err as NodeJS.ErrnoException).code ?? "")) {
        throw new MlflowError("INSUFFICIENT_STORAGE", `Cannot store '${relative}': the artifact store's disk is full (nothing was kept).`);
      }
      throw err;
    }
  }

  async sizeOf(relative: SafeArtifactPath): Promise<number | undefined> {
    const stat = await fs.stat(await this.resolve(relative)).catch(ignoreMissing);
    return stat?.isFile() ? stat.size : undefined;
  }

  async read(relative: SafeArtifactPath, range?: ByteRange): Promise<Readable> {
    const file = await this.resolve(relative);
    return new FileByteStream(file, range);
  }

  async list(relative: SafeArtifactPath): Promise<ArtifactEntry[]> {
    const dir = await this.resolve(relative);
    const dirents = await fs.readdir(dir, { withFileTypes: true }).catch(ignoreMissing);
    if (!dirents) return [];
    const realRoot = await fs.realpath(this.rootDir);
    const entries: ArtifactEntry[] = [];
    for (const dirent of dirents) {
      if (relative === "" && dirent.name === STAGING_DIR) continue;
      const full = path.join(dir, dirent.name);
      // A symbolic link is listed only when it stays inside the root (reads through it are refused anyway).
      if (dirent.isSymbolicLink()) {
        const real = await fs.realpath(full).catch(ignoreMissing);
        if (!real || !isInside(realRoot, real)) continue;
      }
      const stat = await fs.stat(full).catch(ignoreMissing);
      if (!stat) continue;
      entries.push(stat.isDirectory() ? { name: dirent.name, isDir: true } : { name: dirent.name, isDir: false, size: stat.size });
    }
    return entries.sort(byName);
  }

  async delete(relative: SafeArtifactPath): Promise<void> {
    const target = await this.resolve(relative);
    // The root itself is emptied rather than removed: it may be a mount point or a configured folder.
    if (relative === "") {
      const names = await fs.readdir(target).catch(ignoreMissing);
      const doomed = (names ?? []).filter((name) => name !== STAGING_DIR);
      await Promise.all(doomed.map((name) => fs.rm(path.join(target, name), { recursive: true, force: true })));
      return;
    }
    // A file where the path needs a folder (ENOTDIR) means there is nothing to delete, as for a missing path.
    await fs.rm(target, { recursive: true, force: true }).catch(ignoreMissing);
  }

  private resolve(relative: SafeArtifactPath): Promise<string> {
    if (relative.split("/")[0] === STAGING_DIR) {
      throw invalidParameter(`Invalid path '${relative}': '${STAGING_DIR}' is reserved for uploads in progress.`);
    }
    // File systems refuse longer names (ENAMETOOLONG): that is the client's bad path, not a server fault.
    const tooLong = relative.split("/").find((name) => Buffer.byteLength(name) > MAX_NAME_BYTES);
    if (tooLong) throw invalidParameter(`Invalid path: the name '${tooLong.slice(0, 40)}…' is longer than ${MAX_NAME_BYTES} bytes.`);
    return resolveInsideRoot(this.rootDir, relative);
  }
}

/**
 * Writes `body` to a new file. Unlike pipeline(), a failed write (a full disk) does not destroy the body:
 * that is the request, and destroying it cuts the connection before the client hears why. The rest of
 * the body is drained instead.
 */
function writeKeepingBodyOpen(body: Readable, file: string): Promise<void> {
  // A body that failed before the store got it (a quota meter tripped on the first bytes) emits nothing more.
  if (body.errored || body.destroyed) return Promise.reject(body.errored ?? new Error("The upload was cut off before it was stored."));
  const out = createWriteStream(file, { flags: "wx", highWaterMark: WRITE_CHUNK_BYTES });
  return new Promise((resolve, reject) => {
    // Settles once the file is closed, so that the caller's clean-up never races a late open.
    let failure: Error | undefined;
    const failWith = (err: Error) => {
      if (failure) return;
      failure = err;
      body.unpipe(out);
      if (out.closed) reject(err);
      else out.destroy();
    };
    out.once("close", () => (failure ? reject(failure) : resolve()));
    out.once("error", (err) => {
      body.resume();
      failWith(err);
    });
    body.once("error", failWith);
    body.once("close", () => {
      if (!body.readableEnded) failWith(body.errored ?? new Error("The upload was cut off before it was stored."));
    });
    body.pipe(out);
  });
}

function ignoreMissing(err: NodeJS.ErrnoException): undefined {
  if (err.code === "ENOENT" || err.code === "ENOTDIR") return undefined;
  throw err;
}
