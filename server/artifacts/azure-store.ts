import { BlobServiceClient, RestError, StorageSharedKeyCredential, type BlockBlobClient, type ContainerClient } from "@azure/storage-blob";
import { Readable } from "node:stream";
import { MlflowError } from "../services/errors";
import { byName, type ArtifactEntry, type ArtifactStore, type ByteRange } from "./artifact-store";
import { requireFilePath } from "./cloud-store-errors";
import { DEFAULT_STORE_ANSWER_TIMEOUT_MS, withIdleTimeout } from "./idle-timeout";
import type { SafeArtifactPath } from "./safe-path";

// Blocks of 8 MiB, at most 4 staged at once: one upload holds ~32 MiB whatever the file size.
const BLOCK_SIZE = 8 * 1024 * 1024;
const BLOCKS_IN_FLIGHT = 4;
// Few, quick retries: a store that is down must answer 503 within seconds, not after the SDK's
// default back-off (up to two minutes).
const RETRY_OPTIONS = { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1000 };
// The SDK sets no client-side timeout: a host that accepts the connection and never answers would
// hold the request forever. Requests are aborted after answerTimeoutMs without an answer; an upload
// after this long with neither bytes from the client nor a block staged (the SDK reports progress
// per staged block: 4 × 8 MiB in flight must land within it, so ≥ ~2.3 Mbit/s to the store).
const UPLOAD_IDLE_TIMEOUT_MS = 120_000;

/**
 * Credentials as MLflow reads them: AZURE_STORAGE_CONNECTION_STRING (which also names the endpoint,
 * e.g. Azurite's), else AZURE_STORAGE_ACCESS_KEY for the account the URI names.
 */
export function createAzureContainerClient(account: string, endpointSuffix: string, container: string, env: NodeJS.ProcessEnv = process.env): ContainerClient {
  const connectionString = env.AZURE_STORAGE_CONNECTION_STRING;
  if (connectionString) {
    return BlobServiceClient.fromConnectionString(connectionString, { retryOptions: RETRY_OPTIONS }).getContainerClient(container);
  }
  const accessKey = env.AZURE_STORAGE_ACCESS_KEY;
  if (!accessKey) {
    throw new MlflowError(
      "TEMPORARILY_UNAVAILABLE",
      `The artifact store wasbs://${container}@${account}.blob.${endpointSuffix} has no credentials: set AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_ACCESS_KEY.`,
    );
  }
  const service = new BlobServiceClient(`https://${account}.blob.${endpointSuffix}`, new StorageSharedKeyCredential(account, accessKey), {
    retryOptions: RETRY_OPTIONS,
  });
  return service.getContainerClient(container);
}

/** Artifacts as block blobs in one Azure container: a "directory" is a name prefix ending in "/". */
export class AzureArtifactStore implements ArtifactStore {
  constructor(
    readonly uri: string,
    private readonly container: ContainerClient,
    private readonly answerTimeoutMs = DEFAULT_STORE_ANSWER_TIMEOUT_MS,
  ) {}

  async put(path: SafeArtifactPath, body: Readable, options: { contentType?: string } = {}): Promise<void> {
    // Blocks are staged, and only the final block list commits the blob: an interrupted upload
    // leaves uncommitted blocks no reader sees.
    const blob = this.container.getBlockBlobClient(requireFilePath(path));
    const inFlight = new AbortController();
    try {
      await withIdleTimeout(UPLOAD_IDLE_TIMEOUT_MS, (watchdog) =>
        blob.uploadStream(Readable.from(touchingEachChunk(body, () => watchdog.touch()), { objectMode: false }), BLOCK_SIZE, BLOCKS_IN_FLIGHT, {
          abortSignal: AbortSignal.any([inFlight.signal, watchdog.signal]),
          onProgress: () => watchdog.touch(),
          blobHTTPHeaders: options.contentType ? { blobContentType: options.contentType } : undefined,
        }),
      );
    } catch (err) {
      inFlight.abort();
      void discardStagedBlocks(blob, this.answerTimeoutMs).catch(() => undefined); // in the background: the client is gone
      throw err;
    }
  }

  async sizeOf(path: SafeArtifactPath): Promise<number | undefined> {
    if (path === "") return undefined;
    try {
      const properties = await withIdleTimeout(this.answerTimeoutMs, ({ signal }) => this.container.getBlobClient(path).getProperties({ abortSignal: signal }));
      return properties.contentLength ?? 0;
    } catch (err) {
      if (err instanceof RestError && err.statusCode === 404) return undefined;
      throw err;
    }
  }

  async read(path: SafeArtifactPath, range?: ByteRange): Promise<Readable> {
    const offset = range?.start ?? 0;
    const count = range ? range.end - range.start + 1 : undefined;
    // Bounded until the answer starts; the body then streams at the client's pace.
    const download = await withIdleTimeout(this.answerTimeoutMs, ({ signal }) =>
      this.container.getBlobClient(path).download(offset, count, { maxRetryRequests: 2, abortSignal: signal }),
    );
    return download.readableStreamBody as Readable;
  }

  async list(path: SafeArtifactPath): Promise<ArtifactEntry[]> {
    const prefix = path === "" ? "" : `${path}/`;
    const entries: ArtifactEntry[] = [];
    await withIdleTimeout(this.answerTimeoutMs, async (watchdog) => {
      for await (const item of this.container.listBlobsByHierarchy("/", { prefix, abortSignal: watchdog.signal })) {
        watchdog.touch(); // each page of a long listing has its own bound
        const name = item.name.slice(prefix.length);
        if (item.kind === "prefix") {
          if (name.length > 1) entries.push({ name: name.slice(0, -1), isDir: true });
        } else if (name !== "") {
          entries.push({ name, isDir: false, size: item.properties.contentLength ?? 0 });
        }
      }
    });
    return entries.sort(byName);
  }

  async delete(path: SafeArtifactPath): Promise<void> {
    const names: string[] = path === "" ? [] : [path];
    await withIdleTimeout(this.answerTimeoutMs, async (watchdog) => {
      for await (const blob of this.container.listBlobsFlat({ prefix: path === "" ? "" : `${path}/`, abortSignal: watchdog.signal })) {
        watchdog.touch();
        names.push(blob.name);
      }
      for (const name of names) {
        watchdog.touch();
        await this.container.deleteBlob(name, { abortSignal: watchdog.signal }).catch(ignoreMissing);
      }
    });
  }
}

/**
 * Where no blob existed, the staged blocks are dropped at once (an empty commit, only if still no
 * blob, then its deletion, only if unchanged). Beside an existing blob they stay invisible until
 * its next commit or Azure's one-week expiry: re-committing it would change the file's identity.
 */
async function discardStagedBlocks(blob: BlockBlobClient, answerTimeoutMs: number): Promise<void> {
  // A block whose request was already on the wire may land late: watch for a moment, and drop
  // again whenever one has, until two checks in a row find none. (A retry of the same upload
  // starting within that moment would lose its staged blocks and fail; the window is kept short.)
  for (let attempt = 0, clean = 0; attempt < 6 && clean < 2; attempt++) {
    const answered = () => ({ abortSignal: AbortSignal.timeout(answerTimeoutMs) });
    const staged = await blob.getBlockList("uncommitted", answered()).catch(() => undefined);
    if (staged?.uncommittedBlocks?.length) {
      clean = 0;
      const empty = await blob.commitBlockList([], { conditions: { ifNoneMatch: "*" }, ...answered() });
      await blob.delete({ conditions: { ifMatch: empty.etag }, ...answered() });
    } else {
      clean++;
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

async function* touchingEachChunk(source: AsyncIterable<Buffer>, touch: () => void): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    touch();
    yield chunk;
  }
}

function ignoreMissing(err: unknown): void {
  if (err instanceof RestError && err.statusCode === 404) return;
  throw err;
}
