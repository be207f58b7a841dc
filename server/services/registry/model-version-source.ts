import { parseArtifactUri, pathWithin, schemeOf, type ArtifactUri } from "../../artifacts/artifact-uri";
import { realPathOf } from "../../artifacts/safe-path";
import { invalidParameter } from "../errors";
import { shownInMessage } from "../shown-in-message";
import { normalizePosixPath } from "../validation";

// Checks on a model version's `source`, after MLflow's handlers (_validate_source_run, _validate_source_model,
// _validate_non_local_source_contains_relative_paths): a source is served back later, so one that climbs
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

const MAX_DECODING_PASSES = 4;

/**
 * Refuses non-local sources whose path climbs (`..`), is not in normal form (`.` segments), is
 * relative, or hides a NUL — after percent-decoding until nothing changes, so `%2e%2e%2f` or
 * `%252f` cannot smuggle a traversal through.
 */
export function validateNonLocalSource(source: string): void {
  const refused = invalidParameter(
    `Invalid model version source: '${shownInMessage(source)}'. If supplying a source as an http, https, local file path, ftp, ` +
      `objectstore, or mlflow-artifacts uri, an absolute path must be provided without relative path references ` +
      `present. Please provide an absolute path.`,
  );
  // "%252525…" loses one level per pass: a bounded number of passes keeps a 10 MB source from
  // taking hours, and a source still changing after them is refused.
  let decoded = source;
  for (let pass = 0; ; pass++) {
    const unquoted = unquotePlus(decoded);
    if (unquoted === decoded) break;
    if (pass === MAX_DECODING_PASSES) throw refused;
    decoded = unquoted;
  }
  const sourcePath = parsePythonUrl(decoded).path.replace(/\/+$/, "").replace(/\/+/g, "/");
  if (sourcePath.includes("\0") || decoded.split("/").some((part) => part === "..")) throw refused;
  // Python resolves the path against the working directory: a relative (or empty) path never
  // equals its resolved form, and an absolute one only when it is already normal.
  if (!sourcePath.startsWith("/") || normalizePosixPath(sourcePath) !== sourcePath) throw refused;
}

/** Where the source's owner (a run or a logged model) keeps its artifacts, for local sources. */
export interface SourceOwner {
  kind: "run" | "model";
  /** undefined when no run_id / model_id was given. */
  artifactLocation: string | undefined;
}

/**
 * Parses a source once: MLflow's own check of non-local URIs first (so its messages stay), then
 * the canonical parse that every later decision about the source is made on.
 */
export function parseModelVersionSource(source: string): ArtifactUri {
  const scheme = schemeOf(source);
  if (scheme !== "" && scheme !== "file") validateNonLocalSource(source);
  return parseArtifactUri(source, "Invalid model version source");
}

/**
 * A model version's source must not point anywhere on the server's disk it has no business in: a
 * local path is only accepted inside the artifact directory of the run (or logged model) it was
 * registered from — compared after symbolic links are followed, as MLflow's Path.resolve() does.
 */
export async function validateLocalSource(text: string, source: ArtifactUri & { kind: "local" }, owner: SourceOwner): Promise<void> {
  const ownerUri = owner.artifactLocation === undefined ? undefined : parseArtifactUri(owner.artifactLocation);
  if (ownerUri?.kind === "local") {
    const [realOwner, realSource] = await Promise.all([realPathOf(ownerUri.path), realPathOf(source.path)]);
    if (pathWithin({ kind: "local", path: realOwner }, { kind: "local", path: realSource }) !== undefined) return;
  }
  const field = owner.kind === "run" ? "run_id" : "model_id";
  const shown = owner.artifactLocation === undefined ? text : source.path;
  throw invalidParameter(
    `Invalid model version source: '${shownInMessage(shown)}'. To use a local path as a model version source, the ${field} request ` +
      `parameter has to be specified and the local path has to be contained within the artifact directory of the ` +
      `${owner.kind === "run" ? "run" : "logged model"} specified by the ${field}.`,
  );
}
