import { Storage, type Bucket } from "@google-cloud/storage";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { byName, type ArtifactEntry, type ArtifactStore, type ByteRange } from "./artifact-store";
import { requireFilePath } from "./cloud-store-errors";
import { DEFAULT_STORE_ANSWER_TIMEOUT_MS, StoreIdleTimeout, withIdleTimeout } from "./idle-timeout";
import type { SafeArtifactPath } from "./safe-path";

// Resumable uploads sent in 8 MiB chunks: a chunk that fails is sent again instead of the file,
// and one upload holds one chunk in memory.
const CHUNK_SIZE = 8 * 1024 * 1024;
// The library's HTTP client sets no timeout and takes no abort signal: a host that accepts the
// connection and never answers would hold the request forever. Each call must answer within this
// long (answerTimeoutMs); an upload fails after it with neither bytes from the client nor a chunk sent.
const UPLOAD_IDLE_TIMEOUT_MS = 120_000;

/**
 * `call` as it settles, or a StoreIdleTimeout once it has not within `ms`. The hung
 * request itself cannot be cancelled through the library; its socket is left to the peer or the OS.
 */
function answered<T>(call: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreIdleTimeout(ms)), ms);
  });
  return Promise.race([call, late]).finally(() => clearTimeout(timer));
}

/**
 * Credentials come from Google's application default chain (GOOGLE_APPLICATION_CREDENTIALS, gcloud's
 * login, the metadata server). METRON_GCS_ENDPOINT_URL points at another endpoint (an emulator),
 * which the library then calls without credentials. Few retries, so a store that is down answers 503 soon.
 */
export function createGcsBucket(bucket: string, env: NodeJS.ProcessEnv = process.env): Bucket {
  const storage = new Storage({
    apiEndpoint: env.METRON_GCS_ENDPOINT_URL || undefined,
    retryOptions: { autoRetry: true, maxRetries: 2, maxRetryDelay: 2, totalTimeout: 60 },
  });
  return storage.bucket(bucket);
}

/** Artifacts as objects in one GCS bucket: a "directory" is a name prefix ending in "/". */
export class GcsArtifactStore implements ArtifactStore {
  readonly uri: string;

  constructor(
    private readonly bucket: Bucket,
    private readonly answerTimeoutMs = DEFAULT_STORE_ANSWER_TIMEOUT_MS,
  ) {
    this.uri = `gs://${bucket.name}`;
  }

  async put(path: SafeArtifactPath, body: Readable, options: { contentType?: string } = {}): Promise<void> {
    // The object appears only when the last chunk lands; a failed upload's session is cancelled so
    // the service drops the chunks it already holds.
    const file = this.bucket.file(requireFilePath(path));
    const metadata = options.contentType ? { contentType: options.contentType } : undefined;
    const [session] = await answered(file.createResumableUpload({ metadata }), this.answerTimeoutMs);
    try {
      await withIdleTimeout(UPLOAD_IDLE_TIMEOUT_MS, (watchdog) =>
        pipeline(
          body,
          async function* (chunks: AsyncIterable<Buffer>) {
            for await (const chunk of chunks) {
              watchdog.touch(); // a hung store stops taking chunks, and the client's bytes stop too
              yield chunk;
            }
          },
          file.createWriteStream({ resumable: true, uri: session, chunkSize: CHUNK_SIZE, metadata }).on("progress", () => watchdog.touch()),
          { signal: watchdog.signal },
        ),
      );
    } catch (err) {
      await fetch(session, { method: "DELETE", signal: AbortSignal.timeout(this.answerTimeoutMs) }).catch(() => undefined);
      throw err;
    }
  }

  async sizeOf(path: SafeArtifactPath): Promise<number | undefined> {
    if (path === "") return undefined;
    try {
      const [metadata] = await answered(this.bucket.file(path).getMetadata(), this.answerTimeoutMs);
      return Number(metadata.size ?? 0);
    } catch (err) {
      if ((err as { code?: unknown }).code === 404) return undefined;
      throw err;
    }
  }

  async read(path: SafeArtifactPath, range?: ByteRange): Promise<Readable> {
    // The request starts when the stream is first read; callers reach the store with sizeOf first.
    // Until the store answers, the stream is bounded like any call; the body then flows at the client's pace.
    const stream = this.bucket.file(path).createReadStream(range ? { start: range.start, end: range.end, validation: false } : {});
    let timer: NodeJS.Timeout | undefined;
    stream.once("reading", () => {
      timer = setTimeout(() => stream.destroy(new StoreIdleTimeout(this.answerTimeoutMs)), this.answerTimeoutMs);
    });
    stream.once("response", () => clearTimeout(timer));
    stream.once("close", () => clearTimeout(timer));
    return stream;
  }

  async list(path: SafeArtifactPath): Promise<ArtifactEntry[]> {
    const prefix = path === "" ? "" : `${path}/`;
    const entries: ArtifactEntry[] = [];
    let pageToken: string | undefined;
    do {
      const [files, next, response] = await answered(this.bucket.getFiles({ prefix, delimiter: "/", autoPaginate: false, pageToken }), this.answerTimeoutMs);
      for (const common of (response as { prefixes?: string[] } | undefined)?.prefixes ?? []) {
        const name = common.slice(prefix.length, -1);
        if (name !== "") entries.push({ name, isDir: true });
      }
      for (const file of files) {
        const name = file.name.slice(prefix.length);
        if (name !== "") entries.push({ name, isDir: false, size: Number(file.metadata.size ?? 0) });
      }
      pageToken = (next as { pageToken?: string } | null)?.pageToken;
    } while (pageToken);
    return entries.sort(byName);
  }

  async delete(path: SafeArtifactPath): Promise<void> {
    const names: string[] = path === "" ? [] : [path];
    let pageToken: string | undefined;
    do {
      const [files, next] = await answered(this.bucket.getFiles({ prefix: path === "" ? "" : `${path}/`, autoPaginate: false, pageToken }), this.answerTimeoutMs);
      names.push(...files.map((f) => f.name));
      pageToken = (next as { pageToken?: string } | null)?.pageToken;
    } while (pageToken);
    for (const name of names) await answered(this.bucket.file(name).delete({ ignoreNotFound: true }), this.answerTimeoutMs);
  }
}
