import fs from "node:fs/promises";
import path from "node:path";
import { invalidParameter } from "../mlflow-error";

declare const safePathBrand: unique symbol;

/**
 * A relative artifact path that passed `toSafeArtifactPath`: "/"-separated, no empty, "." or ".."
 * segments, "" for the root. Stores accept only this type, so no path reaches storage unchecked.
 */
export type SafeArtifactPath = string & { readonly [safePathBrand]: true };

export const ROOT_PATH = "" as SafeArtifactPath;

// A percent-escape of ".", "/", "\", NUL or "%" itself has no business in an artifact path that the
// URL layer already decoded: it is an encoded (or double-encoded) traversal attempt.
const ENCODED_TRAVERSAL = /%(2e|2f|5c|00|25)/i;
// C0 controls and DEL: NUL truncates paths in C libraries, the rest only confuse logs and clients.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;
/** True when the text holds a C0 control character or DEL (also checked by artifact-uri.ts on URIs). */
export const hasControlCharacter = (text: string): boolean => CONTROL_CHARACTER.test(text);
/** True when already-decoded text still holds a percent-escape of ".", "/", "\", NUL or "%". */
export const hasEncodedTraversal = (text: string): boolean => ENCODED_TRAVERSAL.test(text);

const WINDOWS_DRIVE = /^[a-z]:/i;
const URI_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * The one gate every artifact path (URL segments, query, JSON field) passes before a store, so
 * traversal is refused in one place: as MLflow's validate_path_is_safe, and stricter (absolute, drive
 * letters, URIs, "..", backslashes, controls, encoded traversal). "" and "." segments drop; "" is root.
 */
export function toSafeArtifactPath(value: string | readonly string[]): SafeArtifactPath {
  const text = typeof value === "string" ? value : value.join("/");
  if (typeof value !== "string" && value.some((segment) => segment.includes("/"))) {
    throw unsafe(text, "an encoded '/' inside a path segment");
  }
  if (text.startsWith("/")) throw unsafe(text, "absolute paths are not allowed");
  if (WINDOWS_DRIVE.test(text)) throw unsafe(text, "drive letters are not allowed");
  if (URI_SCHEME.test(text)) throw unsafe(text, "a URI is not a relative path");
  if (text.includes("\\")) throw unsafe(text, "backslashes are not allowed");
  if (hasControlCharacter(text)) throw unsafe(text, "control characters are not allowed");
  if (hasEncodedTraversal(text)) throw unsafe(text, "percent-encoded '.', '/', '\\', '%' or NUL");
  const segments = text.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.includes("..")) throw unsafe(text, "'..' segments are not allowed");
  return segments.join("/") as SafeArtifactPath;
}

/** Appends a safe path to another; both were checked, so the result needs no new check. */
export function joinSafePaths(...parts: SafeArtifactPath[]): SafeArtifactPath {
  return parts.filter((p) => p !== "").join("/") as SafeArtifactPath;
}

/** `child` relative to `ancestor`, or undefined when it is not inside it (or is it). */
export function relativeSafePath(ancestor: SafeArtifactPath, child: SafeArtifactPath): SafeArtifactPath | undefined {
  if (ancestor === "") return child;
  return child.startsWith(`${ancestor}/`) ? (child.slice(ancestor.length + 1) as SafeArtifactPath) : undefined;
}

export function basenameOf(p: SafeArtifactPath): string {
  return p.slice(p.lastIndexOf("/") + 1);
}

/**
 * The absolute file path of `relative` under `rootDir`, refusing symlinks that lead outside the
 * root: the deepest existing ancestor of the target is resolved with realpath and must stay
 * inside the root's own realpath. (The path text itself is already confined by the type.)
 */
export async function resolveInsideRoot(rootDir: string, relative: SafeArtifactPath): Promise<string> {
  const target = path.join(rootDir, ...relative.split("/"));
  const realRoot = await realpathOrSelf(rootDir);
  let existing = target;
  for (;;) {
    const real = await fs.realpath(existing).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT" || err.code === "ENOTDIR") return undefined;
      throw err;
    });
    if (real !== undefined) {
      if (!isInside(realRoot, real)) throw unsafe(relative, "it leads outside the artifact root through a symbolic link");
      return target;
    }
    if (existing === rootDir) return target;
    existing = path.dirname(existing);
  }
}

/** The path with every symbolic link followed, for as much of it as exists (the rest appended as it is). */
export async function realPathOf(target: string): Promise<string> {
  const missing: string[] = [];
  for (let existing = target; ; existing = path.dirname(existing)) {
    const real = await fs.realpath(existing).catch((err: NodeJS.ErrnoException) => {
      if (err.code === "ENOENT" || err.code === "ENOTDIR") return undefined;
      throw err;
    });
    if (real !== undefined) return path.join(real, ...missing.reverse());
    if (path.dirname(existing) === existing) return target;
    missing.push(path.basename(existing));
  }
}

export function isInside(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

async function realpathOrSelf(dir: string): Promise<string> {
  return fs.realpath(dir).catch(() => path.resolve(dir));
}

function unsafe(value: string, reason: string) {
  return invalidParameter(`Invalid path '${printable(value)}': ${reason}.`);
}

/** Control characters are shown escaped so the message stays one readable line. */
function printable(value: string): string {
  const text = JSON.stringify(value).slice(1, -1);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
