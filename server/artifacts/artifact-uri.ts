import path from "node:path";
import { invalidParameter } from "../mlflow-error";
import { shownInMessage } from "../services/shown-in-message";
import { hasControlCharacter, hasEncodedTraversal, toSafeArtifactPath, type SafeArtifactPath } from "./safe-path";

/**
 * A stored artifact URI parsed once; whether it is allowed and where it points are both decided on this
 * form, never the text again: two parsers disagreeing about `%2e%2e` or `\` once let a source pass the
 * check and be served from elsewhere.
 */
export type ArtifactUri =
  /** A folder or file on this server's disk: absolute, normal, decoded once. */
  | { kind: "local"; path: string }
  /** Below the artifact proxy's destination (`mlflow-artifacts:` or `http(s)://…/mlflow-artifacts/artifacts/…`). */
  | { kind: "proxy"; path: SafeArtifactPath }
  | { kind: "s3"; bucket: string; key: SafeArtifactPath }
  /**
   * Azure Blob (`wasbs://container@account.blob.core.windows.net/p`, `abfss://…` read the same way),
   * Google Cloud Storage (`gs://bucket/p`) or an SFTP server (`sftp://user@host:port/p`): `store`
   * names the container, bucket or server (never with a password), `key` the path inside it.
   */
  | { kind: "cloud"; scheme: CloudScheme; store: string; authority: string; key: SafeArtifactPath }
  /** `runs:/<run_id>/<path>`: a path below a run's artifact root. */
  | { kind: "runs"; runId: string; path: SafeArtifactPath }
  /** `models:/…`, resolved against the registry (models-uri.ts). */
  | { kind: "models" }
  /** Any other scheme (gs, hdfs, dbfs, plain http …): recorded, never read by this server. */
  | { kind: "remote"; scheme: string };

export type CloudScheme = "wasbs" | "gs" | "sftp";
/** MLflow's Azure schemes: wasbs and wasb (Blob), abfss and abfs (Data Lake Gen2, read through its Blob endpoint). */
const AZURE_SCHEMES = new Set(["wasbs", "wasb", "abfss", "abfs"]);
const AZURE_AUTHORITY = /^([^@/]+)@([a-z0-9]+)\.(?:blob|dfs)\.([a-z0-9.-]+)$/i;

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const MALFORMED_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
const LOCAL_HOSTS = new Set(["", "localhost", "127.0.0.1", "[::1]"]);
const PROXY_PATH = /^\/(?:api|ajax-api)\/2\.0\/mlflow-artifacts\/artifacts(?:\/|$)/;

/** The scheme as Python's urlparse finds it, lower-cased; "" for a plain path. */
export function schemeOf(uri: string): string {
  return SCHEME.exec(uri)?.[1].toLowerCase() ?? "";
}

/**
 * Parses `uri` into its canonical form, or throws INVALID_PARAMETER_VALUE saying why, with `what`
 * ("Invalid artifact location", "Invalid model version source") in front.
 */
export function parseArtifactUri(uri: string, what = "Invalid artifact URI"): ArtifactUri {
  const refuse = (reason: string) => invalidParameter(`${what} '${shownInMessage(uri)}': ${reason}.`);
  const scheme = schemeOf(uri);
  if (scheme === "models") return { kind: "models" };
  if (hasControlCharacter(uri)) throw refuse("control characters are not allowed");
  if (uri.includes("\\")) throw refuse("backslashes are not allowed");
  if (MALFORMED_ESCAPE.test(uri) || !decodes(uri)) throw refuse("it has a malformed percent-escape (a '%' not followed by two hex digits of valid UTF-8)");
  const rest = scheme === "" ? uri : uri.slice(scheme.length + 1);
  const { authority, pathPart, hasQueryOrFragment } = splitAuthority(rest);
  const storePath = (text: string) => {
    if (hasQueryOrFragment) throw refuse("a query string or fragment has no place in an artifact location");
    try {
      return toSafeArtifactPath(text.replace(/^\/+/, ""));
    } catch (err) {
      throw refuse(`its path is not a plain relative path (${(err as Error).message.replace(/^Invalid path '.*': /s, "").replace(/\.$/, "")})`);
    }
  };
  switch (scheme) {
    case "":
      return { kind: "local", path: localPath(uri, refuse) };
    case "file": {
      if (!LOCAL_HOSTS.has(authority?.toLowerCase() ?? "")) throw refuse("a file: URI naming another host cannot be read here");
      if (hasQueryOrFragment) throw refuse("a query string or fragment has no place in a file: URI");
      if (!pathPart.startsWith("/")) throw refuse("a file: URI needs an absolute path");
      return { kind: "local", path: localPath(pathPart, refuse) };
    }
    case "mlflow-artifacts":
      return { kind: "proxy", path: storePath(pathPart) };
    case "s3":
      if (!authority) throw refuse("an s3 URI names a bucket: s3://<bucket>/<key>");
      return { kind: "s3", bucket: authority, key: storePath(pathPart) };
    case "gs":
      if (!authority) throw refuse("a gs URI names a bucket: gs://<bucket>/<path>");
      return { kind: "cloud", scheme: "gs", store: `gs://${authority}`, authority, key: storePath(pathPart) };
    case "sftp": {
      if (!authority || !authority.replace(/^.*@/, "")) throw refuse("an sftp URI names a server: sftp://user@host[:port]/<path>");
      return { kind: "cloud", scheme: "sftp", store: `sftp://${withoutPassword(authority)}`, authority, key: storePath(pathPart) };
    }
    case "runs": {
      const [runId, ...below] = pathPart.replace(/^\/+/, "").split("/");
      if (authority || !runId) throw refuse("expected runs:/<run_id>/<path>");
      return { kind: "runs", runId, path: storePath(below.join("/")) };
    }
    case "http":
    case "https":
      if (PROXY_PATH.test(pathPart)) return { kind: "proxy", path: storePath(pathPart.replace(PROXY_PATH, "")) };
      break;
  }
  if (AZURE_SCHEMES.has(scheme)) {
    const match = AZURE_AUTHORITY.exec(authority ?? "");
    if (!match) throw refuse(`an Azure URI names a container and account: ${scheme}://<container>@<account>.blob.core.windows.net/<path>`);
    const [, container, account, suffix] = match;
    const store = `wasbs://${container}@${account.toLowerCase()}.blob.${suffix.toLowerCase()}`;
    return { kind: "cloud", scheme: "wasbs", store, authority: authority!, key: storePath(pathPart) };
  }
  if (pathPart.split("/").some((segment) => isDotSegment(decodeURIComponent(segment)))) throw refuse("'.' and '..' segments are not allowed");
  return { kind: "remote", scheme };
}

/**
 * Where `inner` lies below `outer`, as a path relative to it ("" when they are the same place), or
 * undefined when it lies elsewhere. Both must be in the same storage (disk, one bucket, the proxy).
 */
export function pathWithin(outer: ArtifactUri, inner: ArtifactUri): SafeArtifactPath | undefined {
  if (outer.kind === "local" && inner.kind === "local") {
    const relative = path.relative(outer.path, inner.path);
    if (relative === ".." || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return undefined;
    return toSafeArtifactPath(relative.split(path.sep));
  }
  if (outer.kind === "proxy" && inner.kind === "proxy") return below(outer.path, inner.path);
  if (outer.kind === "s3" && inner.kind === "s3" && outer.bucket === inner.bucket) return below(outer.key, inner.key);
  if (outer.kind === "cloud" && inner.kind === "cloud" && outer.store === inner.store) return below(outer.key, inner.key);
  return undefined;
}

function below(ancestor: SafeArtifactPath, child: SafeArtifactPath): SafeArtifactPath | undefined {
  if (ancestor === "" || child === ancestor) return (ancestor === "" ? child : "") as SafeArtifactPath;
  return child.startsWith(`${ancestor}/`) ? (child.slice(ancestor.length + 1) as SafeArtifactPath) : undefined;
}

/** `//authority/path?query#fragment` → its parts; no authority when the text does not start with `//`. */
function splitAuthority(rest: string): { authority: string | undefined; pathPart: string; hasQueryOrFragment: boolean } {
  const end = rest.search(/[?#]/);
  const beforeQuery = end < 0 ? rest : rest.slice(0, end);
  if (!beforeQuery.startsWith("//")) return { authority: undefined, pathPart: beforeQuery, hasQueryOrFragment: end >= 0 };
  const slash = beforeQuery.indexOf("/", 2);
  return {
    authority: slash < 0 ? beforeQuery.slice(2) : beforeQuery.slice(2, slash),
    pathPart: slash < 0 ? "" : beforeQuery.slice(slash),
    hasQueryOrFragment: end >= 0,
  };
}

/**
 * A local path, decoded once (as MLflow's local_file_uri_to_path does) and made absolute and
 * normal; `..` is resolved here, on the decoded text, so the containment check and the file that
 * is finally opened are the same path.
 */
function localPath(encoded: string, refuse: (reason: string) => Error): string {
  const decoded = decodeURIComponent(encoded);
  if (hasControlCharacter(decoded)) throw refuse("an encoded control character is not allowed");
  if (decoded.includes("\\")) throw refuse("an encoded backslash is not allowed");
  // After the one decoding, an escape left can only be meant to be decoded twice: a traversal.
  if (hasEncodedTraversal(decoded)) throw refuse("a double-encoded '.', '/', '\\', '%' or NUL is not allowed");
  return path.resolve(decoded);
}

/** `user:password@host` → `user@host`: a password never reaches a message or a listing. */
function withoutPassword(authority: string): string {
  const at = authority.lastIndexOf("@");
  return at < 0 ? authority : `${authority.slice(0, at).replace(/:.*$/, "")}@${authority.slice(at + 1)}`;
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

function isDotSegment(segment: string): boolean {
  return segment === "." || segment === "..";
}
