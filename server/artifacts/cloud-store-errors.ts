import type { Readable } from "node:stream";
import { invalidParameter, MlflowError } from "../services/errors";
import type { ArtifactStore } from "./artifact-store";
import { StoreIdleTimeout } from "./idle-timeout";
import type { SafeArtifactPath } from "./safe-path";

export function requireFilePath(path: SafeArtifactPath): SafeArtifactPath {
  if (path === "") throw invalidParameter("An artifact upload needs a file path, not the root.");
  return path;
}

// Network failures as Node, the cloud SDKs and ssh2 report them: the store is down or unreachable.
const UNREACHABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "REQUEST_SEND_ERROR",
  "ERR_SOCKET_CONNECTION_TIMEOUT",
]);
const UNREACHABLE_TEXT = /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|timed out|timeout|connection (?:lost|closed|refused)|socket hang up|No SFTP connection/i;

/** Why `err` says the store could not be reached (a network failure, or the store's own 5xx), if it does. */
export function unreachableReason(err: unknown): string | undefined {
  for (let cause = err, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++) {
    if (cause instanceof StoreIdleTimeout) return cause.message;
    const { code, statusCode, status, level } = cause as { code?: unknown; statusCode?: unknown; status?: unknown; level?: unknown };
    const httpStatus = typeof statusCode === "number" ? statusCode : typeof status === "number" ? status : undefined;
    if (typeof code === "string" && UNREACHABLE_CODES.has(code)) return code;
    if (httpStatus !== undefined && httpStatus >= 500) return `HTTP ${httpStatus}`;
    if (level === "client-socket" || level === "client-timeout" || UNREACHABLE_TEXT.test(cause.message)) return cause.message.split("\n")[0].slice(0, 200);
  }
  return undefined;
}

/**
 * The store with its failures to reach the storage turned into 503 TEMPORARILY_UNAVAILABLE naming
 * the store (MLflow clients retry a 503), instead of a bare 500; every other error passes through.
 */
export function withUnreachableAs503<T extends ArtifactStore>(store: T): ArtifactStore {
  const guard = async <R>(work: () => Promise<R>): Promise<R> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof MlflowError) throw err;
      const reason = unreachableReason(err);
      if (reason === undefined) throw err;
      throw new MlflowError("TEMPORARILY_UNAVAILABLE", `The artifact store ${store.uri} cannot be reached (${reason}); retry the request shortly.`);
    }
  };
  return {
    uri: store.uri,
    put: (path, body: Readable, options) => guard(() => store.put(path, body, options)),
    sizeOf: (path) => guard(() => store.sizeOf(path)),
    read: (path, range) => guard(() => store.read(path, range)),
    list: (path) => guard(() => store.list(path)),
    delete: (path) => guard(() => store.delete(path)),
  };
}
