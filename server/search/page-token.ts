import { createHash } from "node:crypto";
import { invalidParameter } from "../mlflow-error";
import type { CursorValue, SortKey } from "./keyset";

// Page tokens are opaque to clients (they only echo them back): base64 of a small JSON object.

const invalidToken = (token: string) =>
  invalidParameter(`Invalid page token '${token}'. Page tokens must come from a previous response.`);

function decodeJson(token: string): Record<string, unknown> {
  try {
    const state = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
    if (state && typeof state === "object" && !Array.isArray(state)) return state;
  } catch {
    // reported below
  }
  throw invalidToken(token);
}

const encodeJson = (state: object) => Buffer.from(JSON.stringify(state)).toString("base64");

/** Offset tokens, for small lists (experiments, one metric's history). */
export function encodePageToken(state: { offset: number }): string {
  return encodeJson(state);
}

export function decodePageToken(token: string | undefined): { offset: number } {
  if (!token) return { offset: 0 };
  const { offset } = decodeJson(token);
  if (typeof offset === "number" && Number.isSafeInteger(offset) && offset >= 0) return { offset };
  throw invalidToken(token);
}

/**
 * Offset tokens bound to the search that produced them (logged models, as MLflow pages them):
 * a token replayed with another filter, order or experiment list is refused.
 */
export function encodeOffsetToken(offset: number, search: unknown): string {
  return encodeJson({ offset, search: fingerprint(search) });
}

export function decodeOffsetToken(token: string | undefined, search: unknown): number {
  if (!token) return 0;
  const { offset, search: bound } = decodeJson(token);
  if (typeof offset !== "number" || !Number.isSafeInteger(offset) || offset < 0) throw invalidToken(token);
  if (bound !== fingerprint(search)) throw differentSearch(token);
  return offset;
}

const differentSearch = (token: string) =>
  invalidParameter(`Invalid page token '${token}': it belongs to a different search (experiment ids, filter, order_by or view type changed).`);

/** Keyset tokens: the last row's sort-key values, bound to the search that produced them. */
export function encodeKeysetToken(after: CursorValue[], search: unknown): string {
  return encodeJson({ after, search: fingerprint(search) });
}

export function decodeKeysetToken(token: string | undefined, search: unknown, keys: Pick<SortKey, "type">[]): CursorValue[] | undefined {
  if (!token) return undefined;
  const state = decodeJson(token);
  const { after } = state;
  // Each value must have its key's type: an edited token must not reach SQL as a bad cast (a 5xx).
  const isValid = Array.isArray(after) && after.length === keys.length && after.every((v, i) => isKeyValueOf(keys[i].type, v));
  if (!isValid) throw invalidToken(token);
  if (state.search !== fingerprint(search)) throw differentSearch(token);
  return after as CursorValue[];
}

/** A value as encodeKeyValue writes it for a key of this type (NULL always allowed). */
function isKeyValueOf(type: SortKey["type"], value: unknown): boolean {
  if (value === null) return true;
  switch (type) {
    case "bigint":
      return Number.isSafeInteger(value);
    case "float8":
      // Text, so that ±Infinity and NaN travel in JSON; PostgreSQL reads it back as float8.
      return typeof value === "string" && value.trim() !== "" && (value === "NaN" || !Number.isNaN(Number(value)));
    case "bool":
      return typeof value === "boolean";
    case "text":
      return typeof value === "string";
  }
}

function fingerprint(search: unknown): string {
  return createHash("sha256").update(JSON.stringify(search)).digest("base64url").slice(0, 16);
}

/**
 * One page of an offset search that fetched `maxResults + 1` rows: the page, and a token only when
 * the extra row shows that more follow (so a last page never comes back empty).
 */
export function offsetPage<T>(rows: T[], maxResults: number, offset: number): { page: T[]; nextPageToken?: string } {
  return {
    page: rows.slice(0, maxResults),
    nextPageToken: rows.length > maxResults ? encodePageToken({ offset: offset + maxResults }) : undefined,
  };
}
