import type { Readable } from "node:stream";
import { pathToFileURL } from "node:url";
import path from "node:path";
import type { S3Settings } from "../env";
import { resolveArtifactUri, type ArtifactLocation } from "../artifacts/resolve-artifact-uri";
import { joinSafePaths, toSafeArtifactPath } from "../artifacts/safe-path";
import type { ArtifactReader, SourceArtifactFile } from "./model";
import { ImportError } from "./import-error";

export interface ArtifactSourceOptions {
  /** --artifacts-from: the old proxy's destination, for `mlflow-artifacts:/…` URIs. */
  artifactsFrom?: string;
  s3: S3Settings;
}

/** Reads artifacts where a store-backed source's URIs point: a local folder, S3, or the old proxy's destination. */
export function storeArtifactReader(uri: string, options: ArtifactSourceOptions): ArtifactReader {
  let location: ArtifactLocation | undefined;
  const locate = () => (location ??= locateArtifacts(uri, options));
  return {
    async *listFiles() {
      const { store, root } = locate();
      yield* walk(store, root, "");
    },
    async open(relative: string): Promise<Readable> {
      const { store, root } = locate();
      return store.read(joinSafePaths(root, toSafeArtifactPath(relative)));
    },
  };
}

function locateArtifacts(uri: string, options: ArtifactSourceOptions): ArtifactLocation {
  if (/^mlflow-artifacts:/i.test(uri) && !options.artifactsFrom) {
    throw new ImportError(
      `artifacts at '${uri}' were stored by an MLflow artifact proxy: name its destination with ` +
        `--artifacts-from DIR|s3://bucket/prefix (the old server's --artifacts-destination)`,
    );
  }
  const from = options.artifactsFrom ?? "";
  const artifactsDestination = /^[a-z][a-z0-9+.-]*:\/\//i.test(from) ? from.replace(/\/+$/, "") : pathToFileURL(path.resolve(from)).href;
  return resolveArtifactUri(uri, { artifactsDestination, s3: options.s3 });
}

async function* walk(
  store: ArtifactLocation["store"],
  root: ArtifactLocation["root"],
  prefix: string,
): AsyncGenerator<SourceArtifactFile> {
  const dir = prefix ? joinSafePaths(root, toSafeArtifactPath(prefix)) : root;
  for (const entry of await store.list(dir)) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDir) yield* walk(store, root, relative);
    else yield { path: relative, size: entry.size ?? (await store.sizeOf(joinSafePaths(root, toSafeArtifactPath(relative)))) ?? 0 };
  }
}
