import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ServerConfig } from "../env";
import { invalidParameter } from "../services/errors";
import type { ArtifactStore } from "./artifact-store";
import { LocalArtifactStore } from "./local-store";
import { createS3Client, S3ArtifactStore } from "./s3-store";
import { isInside, joinSafePaths, toSafeArtifactPath, ROOT_PATH, type SafeArtifactPath } from "./safe-path";

/** A place in a store: the store, and the path of the location's root inside it. */
export interface ArtifactLocation {
  store: ArtifactStore;
  root: SafeArtifactPath;
}

type StoreConfig = Pick<ServerConfig, "artifactsDestination" | "s3">;

/** The proxy's storage: MLFLOW_ARTIFACTS_DESTINATION (or METRON_ARTIFACTS_DIR). */
export function resolveDestination(config: StoreConfig): ArtifactLocation {
  return resolveStorageUri(config.artifactsDestination, config);
}

/**
 * Resolves an artifact URI, as runs and experiments carry them, to a store and root, by scheme:
 * `mlflow-artifacts:/p` and `http(s)://…/api/2.0/mlflow-artifacts/artifacts/p` are the proxy's
 * destination + p; `s3://bucket/p`; `file:///p` or a plain path on this server's disk.
 */
export function resolveArtifactUri(uri: string, config: StoreConfig): ArtifactLocation {
  const proxied = proxiedPath(uri);
  if (proxied !== undefined) {
    const destination = resolveDestination(config);
    return { store: destination.store, root: joinSafePaths(destination.root, toSafeArtifactPath(proxied)) };
  }
  return resolveStorageUri(uri, config);
}

function resolveStorageUri(uri: string, config: StoreConfig): ArtifactLocation {
  const s3 = /^s3:\/\/([^/]+)\/?(.*)$/i.exec(uri);
  if (s3) {
    const [, bucket, prefix] = s3;
    const store = cachedStore(`s3:${bucket}`, () => new S3ArtifactStore(cachedS3Client(config), bucket));
    return { store, root: toSafeArtifactPath(prefix) };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(uri) && !/^file:/i.test(uri)) {
    throw invalidParameter(`Artifact URI '${uri}' uses a scheme this server cannot serve (supported: file, s3, mlflow-artifacts).`);
  }
  const dir = localPathOf(uri);
  // A folder inside the local destination is served by the destination's store, so that it shares
  // one staging folder and one symlink boundary with everything else the proxy wrote.
  const destinationDir = /^file:/i.test(config.artifactsDestination) ? localPathOf(config.artifactsDestination) : undefined;
  if (destinationDir !== undefined && isInside(destinationDir, dir)) {
    const store = cachedStore(`file:${destinationDir}`, () => new LocalArtifactStore(destinationDir));
    return { store, root: dir === destinationDir ? ROOT_PATH : toSafeArtifactPath(path.relative(destinationDir, dir).split(path.sep)) };
  }
  return { store: cachedStore(`file:${dir}`, () => new LocalArtifactStore(dir)), root: ROOT_PATH };
}

/** The path below the proxy root for URIs that point at the proxy, else undefined. */
function proxiedPath(uri: string): string | undefined {
  const scheme = /^mlflow-artifacts:(.*)$/i.exec(uri);
  if (scheme) {
    // mlflow-artifacts:/p, or mlflow-artifacts://host:port/p naming the server explicitly
    const rest = scheme[1].startsWith("//") ? scheme[1].replace(/^\/\/[^/]*/, "") : scheme[1];
    return rest.replace(/^\/+/, "");
  }
  if (/^https?:\/\//i.test(uri)) {
    const match = /\/api\/2\.0\/mlflow-artifacts\/artifacts(?:\/(.*))?$/.exec(new URL(uri).pathname);
    if (match) return match[1] ?? "";
  }
  return undefined;
}

function localPathOf(uri: string): string {
  if (!/^file:/i.test(uri)) return path.resolve(uri);
  try {
    return path.resolve(fileURLToPath(uri));
  } catch (err) {
    throw invalidParameter(`Artifact URI '${uri}' is not a local file URI: ${(err as Error).message}`);
  }
}

// Stores (and the S3 client's connection pool) live as long as the process; globalThis because
// Next may bundle this module into several route bundles.
const cache = globalThis as { __metronArtifactStores?: Map<string, ArtifactStore>; __metronS3Client?: ReturnType<typeof createS3Client> };

function cachedStore(key: string, create: () => ArtifactStore): ArtifactStore {
  cache.__metronArtifactStores ??= new Map();
  let store = cache.__metronArtifactStores.get(key);
  if (!store) cache.__metronArtifactStores.set(key, (store = create()));
  return store;
}

function cachedS3Client(config: StoreConfig) {
  cache.__metronS3Client ??= createS3Client(config.s3);
  return cache.__metronS3Client;
}
