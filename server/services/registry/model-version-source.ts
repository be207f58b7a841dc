import path from "node:path";
import { invalidParameter } from "../errors";
import { normalizePosixPath } from "../validation";

// Checks on a model version's `source`, after MLflow's handlers (_validate_source_run,
// _validate_source_model, _validate_non_local_source_contains_relative_paths). A source is
// later served back through get-download-uri and the artifact routes, so a source that climbs
// out of where it claims to be is refused here.

/** The parts of a URL as Python's urllib.parse.urlparse splits them. */
export interface PythonUrl {
  scheme: string;
  netloc: string;
  path: string;
  hostname: string | undefined;
}

const SCHEME_CHARS = /^[A-Za-z][A-Za-z0-9+.-]*$/;

export function parsePythonUrl(url: string): PythonUrl {
  let rest = url;
  let scheme = "";
  const colon = rest.indexOf(":");
  if (colon > 0 && SCHEME_CHARS.test(rest.slice(0, colon))) {
    scheme = rest.slice(0, colon).toLowerCase();
    rest = rest.slice(colon + 1);
  }
  let netloc = "";
  if (rest.startsWith("//")) {
    const end = rest.slice(2).search(/[/?#]/);
    netloc = end < 0 ? rest.slice(2) : rest.slice(2, end + 2);
    rest = end < 0 ? "" : rest.slice(end + 2);
  }
  const pathEnd = rest.search(/[?#]/);
  let urlPath = pathEnd < 0 ? rest : rest.slice(0, pathEnd);
  // urlparse moves ";params" of the last segment out of the path.
  const lastSlash = urlPath.lastIndexOf("/");
  const semicolon = urlPath.indexOf(";", lastSlash + 1);
  if (semicolon >= 0) urlPath = urlPath.slice(0, semicolon);
  const host = netloc.replace(/^.*@/, "");
  const hostname = host.startsWith("[") ? host.slice(1, host.indexOf("]")).toLowerCase() : host.replace(/:.*$/, "").toLowerCase();
  return { scheme, netloc, path: urlPath, hostname: hostname === "" ? undefined : hostname };
}

/**
 * MLflow's is_local_uri: no scheme, or `file:` on this machine. A `file:` URI naming another host
 * is refused outright.
 */
export function isLocalUri(uri: string): boolean {
  const { scheme, hostname } = parsePythonUrl(uri);
  if (scheme === "") return true;
  const isRemoteHost = hostname !== undefined && !(hostname === "." || hostname.startsWith("localhost") || hostname.startsWith("127.0.0.1"));
  if (scheme === "file") {
    if (isRemoteHost) {
      throw invalidParameter(
        `${uri} is not a valid remote uri. For remote access on windows, please consider using a different scheme such as SMB (e.g. smb://<hostname>/<path>).`,
      );
    }
    return true;
  }
  return false;
}

/** The absolute path a local URI or path names (relative paths against the server's working directory). */
export function localPathOf(uri: string): string {
  const local = /^file:/i.test(uri) ? parsePythonUrl(uri).path : uri;
  return path.resolve(safeDecode(local));
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Python's unquote_plus: "+" is a space, and malformed escapes are left as they are. */
function unquotePlus(text: string): string {
  return text.replace(/\+/g, " ").replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/**
 * Refuses non-local sources whose path climbs (`..`), is not in normal form (`.` segments), is
 * relative, or hides a NUL — after percent-decoding until nothing changes, so `%2e%2e%2f` or
 * `%252f` cannot smuggle a traversal through.
 */
export function validateNonLocalSource(source: string): void {
  const refused = invalidParameter(
    `Invalid model version source: '${source}'. If supplying a source as an http, https, local file path, ftp, ` +
      `objectstore, or mlflow-artifacts uri, an absolute path must be provided without relative path references ` +
      `present. Please provide an absolute path.`,
  );
  let decoded = source;
  for (let unquoted = unquotePlus(decoded); unquoted !== decoded; unquoted = unquotePlus(decoded)) decoded = unquoted;
  const sourcePath = parsePythonUrl(decoded).path.replace(/\/+$/, "").replace(/\/+/g, "/");
  if (sourcePath.includes("\0") || decoded.split("/").some((part) => part === "..")) throw refused;
  // Python resolves the path against the working directory: a relative (or empty) path never
  // equals its resolved form, and an absolute one only when it is already normal.
  if (!sourcePath.startsWith("/") || normalizePosixPath(sourcePath) !== sourcePath) throw refused;
}

/** True when `candidate` (a local URI or path) is `root` or lies inside it. */
export function isLocalPathInside(root: string, candidate: string): boolean {
  const relative = path.relative(localPathOf(root), localPathOf(candidate));
  return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
}

/** Where the source's owner (a run or a logged model) keeps its artifacts, for local sources. */
export interface SourceOwner {
  kind: "run" | "model";
  /** undefined when no run_id / model_id was given. */
  artifactLocation: string | undefined;
}

/**
 * A model version's source must not point anywhere on the server's disk it has no business in: a
 * local path is only accepted inside the artifact directory of the run (or logged model) it was
 * registered from, and any other URI must carry an absolute, normal path.
 */
export function validateModelVersionSource(source: string, owner: SourceOwner): void {
  if (!isLocalUri(source)) {
    validateNonLocalSource(source);
    return;
  }
  const { artifactLocation } = owner;
  if (artifactLocation !== undefined && isLocalUri(artifactLocation) && isLocalPathInside(artifactLocation, source)) return;
  const shown = artifactLocation === undefined ? source : localPathOf(source);
  const field = owner.kind === "run" ? "run_id" : "model_id";
  throw invalidParameter(
    `Invalid model version source: '${shown}'. To use a local path as a model version source, the ${field} request ` +
      `parameter has to be specified and the local path has to be contained within the artifact directory of the ` +
      `${owner.kind === "run" ? "run" : "logged model"} specified by the ${field}.`,
  );
}
