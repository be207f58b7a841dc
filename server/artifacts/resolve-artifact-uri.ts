import path from "node:path";
import type { ServerConfig } from "../env";
import { processSingleton } from "../process-singleton";
import { invalidParameter } from "../mlflow-error";
import { shownInMessage } from "../services/shown-in-message";
import type { ArtifactStore } from "./artifact-store";
import { parseArtifactUri, pathWithin, type ArtifactUri } from "./artifact-uri";
import { AzureArtifactStore, createAzureContainerClient } from "./azure-store";
import { withUnreachableAs503 } from "./cloud-store-errors";
import { createGcsBucket, GcsArtifactStore } from "./gcs-store";
import { DEFAULT_STORE_ANSWER_TIMEOUT_MS } from "./idle-timeout";
import { LocalArtifactStore } from "./local-store";
import { parseSftpAuthority, SftpArtifactStore } from "./sftp-store";
import { createS3Client, S3ArtifactStore } from "./s3-store";
import { joinSafePaths, ROOT_PATH, type SafeArtifactPath } from "./safe-path";

/** A place in a store: the store, and the path of the location's root inside it. */
export interface ArtifactLocation {
  store: ArtifactStore;
  root: SafeArtifactPath;
}

type StoreConfig = Pick<ServerConfig, "artifactsDestination" | "s3"> & Partial<Pick<ServerConfig, "artifactStoreTimeoutSeconds">>;

/** The proxy's storage: MLFLOW_ARTIFACTS_DESTINATION (or METRON_ARTIFACTS_DIR). */
export function resolveDestination(config: StoreConfig): ArtifactLocation {
  return resolveArtifactUri(destinationUri(config), config);
}

/** The destination parsed: a local folder or an S3 prefix. */
export function destinationUri(config: StoreConfig): ArtifactUri {
  return parseArtifactUri(config.artifactsDestination, "Invalid artifacts destination");
}

/**
 * Resolves an artifact URI, as runs and experiments carry them, to a store and root, by scheme:
 * `mlflow-artifacts:/p` and `http(s)://…/api/2.0/mlflow-artifacts/artifacts/p` are the proxy's
 * destination + p; `s3://bucket/p`; `wasbs://…`, `gs://…`, `sftp://…`; `file:///p` or a plain path on this server's disk.
 */
export function resolveArtifactUri(uri: string | ArtifactUri, config: StoreConfig): ArtifactLocation {
  const parsed = typeof uri === "string" ? parseArtifactUri(uri) : uri;
  switch (parsed.kind) {
    case "proxy": {
      const destination = resolveDestination(config);
      return { store: destination.store, root: joinSafePaths(destination.root, parsed.path) };
    }
    case "s3":
      return { store: cachedStore(`s3:${parsed.bucket}`, () => new S3ArtifactStore(cachedS3Client(config), parsed.bucket)), root: parsed.key };
    case "cloud":
      return { store: cachedStore(`${parsed.scheme}:${parsed.authority}`, () => withUnreachableAs503(createCloudStore(parsed, storeTimeoutMs(config)))), root: parsed.key };
    case "local": {
      // A folder inside the local destination is served by the destination's store, so that it shares
      // one staging folder and one symlink boundary with everything else the proxy wrote.
      const destination = destinationUri(config);
      const inDestination = destination.kind === "local" ? pathWithin(destination, parsed) : undefined;
      if (destination.kind === "local" && inDestination !== undefined) {
        return { store: cachedStore(`file:${destination.path}`, () => new LocalArtifactStore(destination.path)), root: inDestination };
      }
      return { store: cachedStore(`file:${parsed.path}`, () => new LocalArtifactStore(parsed.path)), root: ROOT_PATH };
    }
    default:
      throw invalidParameter(
        `Artifact URI '${shownInMessage(typeof uri === "string" ? uri : parsed.kind)}' uses a scheme this server cannot serve (supported: file, s3, wasbs, abfss, gs, sftp, mlflow-artifacts).`,
      );
  }
}

/** The same place in storage terms: a proxy path becomes the destination folder or S3 prefix it names. */
function toStorageUri(parsed: ArtifactUri, config: StoreConfig): ArtifactUri {
  if (parsed.kind !== "proxy") return parsed;
  const destination = destinationUri(config);
  if (destination.kind === "local") return { kind: "local", path: path.join(destination.path, ...parsed.path.split("/")) };
  if (destination.kind === "s3") return { kind: "s3", bucket: destination.bucket, key: joinSafePaths(destination.key, parsed.path) };
  if (destination.kind === "cloud") return { ...destination, key: joinSafePaths(destination.key, parsed.path) };
  return destination;
}

/**
 * `target` served from inside the first of `roots` that contains it, with that root as the store's
 * boundary (a symbolic link below it cannot lead out); undefined when no root contains it.
 */
export function resolveWithin(roots: ArtifactUri[], target: ArtifactUri, config: StoreConfig): ArtifactLocation | undefined {
  const stored = toStorageUri(target, config);
  for (const root of roots) {
    const below = pathWithin(toStorageUri(root, config), stored);
    if (below === undefined) continue;
    const location = resolveArtifactUri(root, config);
    return { store: location.store, root: joinSafePaths(location.root, below) };
  }
  return undefined;
}

function createCloudStore(uri: Extract<ArtifactUri, { kind: "cloud" }>, timeoutMs: number): ArtifactStore {
  switch (uri.scheme) {
    case "wasbs": {
      const [container, host] = uri.authority.split("@");
      const [account, , ...suffix] = host.split(".");
      return new AzureArtifactStore(uri.store, createAzureContainerClient(account.toLowerCase(), suffix.join(".").toLowerCase(), container), timeoutMs);
    }
    case "gs":
      return new GcsArtifactStore(createGcsBucket(uri.authority), timeoutMs);
    case "sftp":
      return new SftpArtifactStore(parseSftpAuthority(uri.authority), timeoutMs);
  }
}

const storeTimeoutMs = (config: StoreConfig) => (config.artifactStoreTimeoutSeconds ?? DEFAULT_STORE_ANSWER_TIMEOUT_MS / 1000) * 1000;

// Stores (and the S3 client's connection pool) live as long as the process.

function cachedStore(key: string, create: () => ArtifactStore): ArtifactStore {
  return processSingleton(`artifact-store:${key}`, create);
}

function cachedS3Client(config: StoreConfig) {
  return processSingleton("s3-client", () => createS3Client(config.s3));
}
