import { invalidParameter } from "./errors";

// MLflow's limits (mlflow/utils/validation.py), applied identically by every verb.
export const LIMITS = {
  keyLength: 250,
  paramValueLength: 6000,
  runTagValueLength: 8000,
  experimentTagValueLength: 5000,
  experimentNameLength: 500,
  artifactLocationLength: 2048,
  runNameLength: 250,
  userIdLength: 256,
  datasetNameLength: 500,
  datasetDigestLength: 36,
  modelIdLength: 64,
  batch: { metrics: 1000, params: 100, tags: 100, entities: 1000, bodyBytes: 1_000_000 },
} as const;

// Letters, digits and underscore in any script (Python's \w), plus "/", ".", "-", " " and ":".
// Python's \w does not match combining marks (\p{M}), so neither do we: MLflow rejects such keys.
const KEY_PATTERN = /^[/\p{L}\p{N}_.\- :]*$/u;

export type KeyKind = "metric" | "param" | "tag";

/** Validates a metric, param or tag key as MLflow does: charset, length and path-normal form. */
export function validateKey(kind: KeyKind, key: string): void {
  if (!KEY_PATTERN.test(key)) {
    throw invalidParameter(
      `Invalid ${kind} name: '${key}'. Names may only contain alphanumerics, underscores (_), ` +
        `dashes (-), periods (.), spaces ( ), colon(:) and slashes (/).`,
    );
  }
  if (key.length > LIMITS.keyLength) {
    throw invalidParameter(`${kind} name '${key.slice(0, 40)}…' exceeds the maximum length of ${LIMITS.keyLength} characters.`);
  }
  const normal = normalizePosixPath(key);
  if (normal !== key || key === "." || key.startsWith("..") || key.startsWith("/")) {
    throw invalidParameter(
      `Invalid ${kind} name: '${key}'. Names may be treated as files in certain cases, and must not ` +
        `resolve to other names when treated as such. This name would resolve to '${normal}'.`,
    );
  }
}

/**
 * posixpath.normpath: collapses "//", "/./" and "x/.." and drops a trailing slash. Like Python
 * (and POSIX), exactly two leading slashes are kept; three or more become one.
 */
export function normalizePosixPath(path: string): string {
  if (path === "") return ".";
  const isAbsolute = path.startsWith("/");
  const root = path.startsWith("//") && !path.startsWith("///") ? "//" : "/";
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else if (part !== ".." || !isAbsolute) parts.push(part);
  }
  const joined = (isAbsolute ? root : "") + parts.join("/");
  return joined || ".";
}

/**
 * Run names live in a 250-character column, but they can arrive as an 8000-character
 * mlflow.runName tag: reject them up front rather than fail in the database.
 */
export function validateRunName(name: string): void {
  if (name.length > LIMITS.runNameLength) {
    throw invalidParameter(`Run name '${name.slice(0, 40)}…' exceeds the maximum length of ${LIMITS.runNameLength} characters.`);
  }
}

/** MLflow truncates over-long param and tag values (MLFLOW_TRUNCATE_LONG_VALUES defaults to true). */
export function truncateValue(value: string, maxLength: number): string {
  return value.length > maxLength ? value.slice(0, maxLength) : value;
}

const EXPERIMENT_ID_PATTERN = /^[0-9]+$/;

/** Our experiment ids are integers; anything else cannot name an experiment. */
export function parseExperimentId(id: string): number | undefined {
  if (!EXPERIMENT_ID_PATTERN.test(id)) return undefined;
  const n = Number(id);
  return n <= 2147483647 ? n : undefined;
}
